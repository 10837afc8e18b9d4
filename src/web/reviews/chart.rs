//! The self-vs-manager chart of the reading view, laid out on the server.
//!
//! A dot plot on the 1–5 scale: one row per rating both sides give, the
//! self-rating as a circle on the upper lane, the manager's as a square on
//! the lower lane, and the stretch between them shaded, so a difference is
//! marked by where it lies, not by a colour that judges it. The numbers are
//! in the page's text too; this only draws them.
//!
//! The drawing is 340 units wide, about a phone's column (390 px less the
//! page's side padding), so text drawn at 14 units stays about 14 px on a
//! phone; the stylesheet caps its width on a desktop.

use serde::Serialize;

use crate::domain::review::{RATING_MAX, RATING_MIN};

pub const WIDTH: i32 = 340;
/// Where the scale starts and ends, leaving room for a mark's half width.
const LEFT: i32 = 20;
const RIGHT: i32 = WIDTH - 20;
/// The height of the scale's numbers above the rows.
const SCALE_TOP: i32 = 28;
const LINE: i32 = 18;
/// Characters per label line before it wraps (at 14 units, about 300 units).
const LABEL_CHARS: usize = 40;
const LABEL_LINES: usize = 2;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tick {
    pub value: i32,
    pub x: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelLine {
    pub text: String,
    pub y: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mark {
    pub value: i32,
    pub x: i32,
    pub y: i32,
}

/// The stretch between the two ratings, when they differ.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Band {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    /// How many points apart.
    pub points: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub label: Vec<LabelLine>,
    pub own: Option<Mark>,
    pub manager: Option<Mark>,
    pub band: Option<Band>,
    /// The scale's grid lines run through the lanes only, not the label.
    pub lanes_top: i32,
    pub lanes_bottom: i32,
    /// A faint line under the row, to keep rows apart.
    pub rule_y: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chart {
    pub width: i32,
    pub height: i32,
    pub ticks: Vec<Tick>,
    /// The scale's numbers, above the rows and again below them.
    pub scale_y: i32,
    pub scale_bottom_y: i32,
    pub rows: Vec<Row>,
    /// The legend, under the rows: one line per side.
    pub legend_own_y: i32,
    pub legend_manager_y: i32,
    pub legend_gap_y: i32,
    pub legend_x: i32,
}

/// One item to draw: its label and both ratings.
pub struct Item<'a> {
    pub label: &'a str,
    pub own: Option<i32>,
    pub manager: Option<i32>,
}

/// The x of a rating on the scale.
pub fn x_of(value: i32) -> i32 {
    let v = value.clamp(RATING_MIN, RATING_MAX);
    LEFT + (v - RATING_MIN) * (RIGHT - LEFT) / (RATING_MAX - RATING_MIN)
}

/// Break a label into at most two lines at spaces; an ellipsis if it is
/// longer still (the full text is in the page beside the chart).
fn wrap(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut current = String::new();
    let mut cut = false;
    for word in label.split_whitespace() {
        if current.is_empty() {
            current = word.to_string();
        } else if current.chars().count() + 1 + word.chars().count() <= LABEL_CHARS {
            current.push(' ');
            current.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
            if lines.len() == LABEL_LINES {
                cut = true;
                break;
            }
        }
    }
    if !cut && !current.is_empty() {
        lines.push(current);
    }
    for (i, line) in lines.iter_mut().enumerate() {
        if line.chars().count() > LABEL_CHARS || (cut && i + 1 == LABEL_LINES) {
            let kept: String = line.chars().take(LABEL_CHARS - 1).collect();
            *line = format!("{}…", kept.trim_end());
        }
    }
    lines
}

/// Lay out the chart; `None` when there is nothing to draw.
pub fn layout(items: &[Item<'_>]) -> Option<Chart> {
    if items.is_empty() {
        return None;
    }
    let ticks = (RATING_MIN..=RATING_MAX)
        .map(|value| Tick {
            value,
            x: x_of(value),
        })
        .collect();
    let mut y = SCALE_TOP;
    let mut rows = vec![];
    for item in items {
        let lines = wrap(item.label);
        let label = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| LabelLine {
                text,
                y: y + 16 + LINE * i as i32,
            })
            .collect::<Vec<_>>();
        let lanes_top = y + LINE * label.len() as i32 + 6;
        let own_y = lanes_top + 10;
        let manager_y = lanes_top + 28;
        let band = match (item.own, item.manager) {
            (Some(a), Some(b)) if a != b => {
                let (lo, hi) = (a.min(b), a.max(b));
                Some(Band {
                    x: x_of(lo),
                    y: lanes_top,
                    width: x_of(hi) - x_of(lo),
                    height: 38,
                    points: hi - lo,
                })
            }
            _ => None,
        };
        rows.push(Row {
            label,
            own: item.own.map(|value| Mark {
                value,
                x: x_of(value),
                y: own_y,
            }),
            manager: item.manager.map(|value| Mark {
                value,
                x: x_of(value),
                y: manager_y,
            }),
            band,
            lanes_top: lanes_top - 2,
            lanes_bottom: lanes_top + 40,
            rule_y: lanes_top + 46,
        });
        y = lanes_top + 50;
    }
    let scale_bottom_y = y + 16;
    let legend = scale_bottom_y + 14;
    Some(Chart {
        width: WIDTH,
        height: legend + 82,
        ticks,
        scale_y: SCALE_TOP - 12,
        scale_bottom_y,
        rows,
        legend_own_y: legend + 22,
        legend_manager_y: legend + 46,
        legend_gap_y: legend + 70,
        legend_x: LEFT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_runs_from_one_to_five_across_the_width() {
        let chart = layout(&[Item {
            label: "Kerja tim",
            own: Some(4),
            manager: Some(3),
        }])
        .expect("a chart");
        let values: Vec<i32> = chart.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, vec![1, 2, 3, 4, 5]);
        assert_eq!(chart.ticks[0].x, LEFT);
        assert_eq!(chart.ticks[4].x, RIGHT);
        assert!(chart.ticks.windows(2).all(|w| w[0].x < w[1].x));
    }

    #[test]
    fn a_difference_is_marked_between_the_two_ratings() {
        let chart = layout(&[
            Item {
                label: "Ketenangan",
                own: Some(2),
                manager: Some(4),
            },
            Item {
                label: "Kerja tim",
                own: Some(3),
                manager: Some(3),
            },
            Item {
                label: "Mutu",
                own: Some(5),
                manager: None,
            },
        ])
        .expect("a chart");
        let band = chart.rows[0].band.as_ref().expect("marked");
        assert_eq!((band.x, band.x + band.width), (x_of(2), x_of(4)));
        assert_eq!(band.points, 2);
        assert!(chart.rows[1].band.is_none(), "the same: nothing to mark");
        assert!(chart.rows[2].band.is_none() && chart.rows[2].manager.is_none());
        assert!(
            chart.rows[0].own.as_ref().map(|m| m.y) < chart.rows[0].manager.as_ref().map(|m| m.y)
        );
        assert!(
            chart.rows[1].label[0].y > chart.rows[0].rule_y,
            "rows do not overlap"
        );
        assert!(chart.height > chart.legend_gap_y && chart.legend_gap_y > chart.legend_manager_y);
    }

    #[test]
    fn long_labels_wrap_to_two_lines_and_then_stop() {
        assert_eq!(wrap("Mutu"), vec!["Mutu"]);
        let two = wrap("Secara keseluruhan, seberapa baik saya memenuhi uraian pekerjaan saya?");
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(two.iter().all(|l| l.chars().count() <= LABEL_CHARS));
        let long = "kata ".repeat(40);
        let cut = wrap(&long);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        let word = "x".repeat(90);
        assert!(wrap(&word)[0].chars().count() <= LABEL_CHARS);
    }
}
