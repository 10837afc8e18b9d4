//! The trend of one competency across a person's review cycles, laid out on
//! the server for the history page.
//!
//! A small line chart on the 1–5 scale: one column per review cycle, oldest
//! on the left; the self-rating as circles joined by a solid line, the
//! manager's rating as squares joined by a dashed line (so the two differ by
//! shape and line, not by colour alone). The numbers are in the chart's
//! `<desc>` too; this only draws them.
//!
//! Drawn 340 units wide like the reading view's chart (`reviews/chart.rs`),
//! about a phone's column, so text at 13–14 units stays that many pixels on
//! a phone. Only positions are computed here; the template uses classes and
//! SVG presentation attributes (the CSP refuses `style=""`).

use serde::Serialize;

use crate::domain::review::{RATING_MAX, RATING_MIN};

pub const WIDTH: i32 = 340;
/// At most this many cycles are drawn (the newest); two-line labels of
/// about 4 characters still fit side by side.
pub const MAX_CYCLES: usize = 8;
/// Room on the left for the scale's numbers.
const LEFT: i32 = 30;
const RIGHT: i32 = WIDTH - 8;
/// The y of the top of the scale (5) and the distance between two values.
const TOP: i32 = 16;
const STEP: i32 = 26;
/// How far the two marks of one cycle sit apart, so neither hides the other.
const NUDGE: i32 = 5;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Level {
    pub value: i32,
    pub y: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Column {
    pub x: i32,
    /// The cycle's short label, in two lines ("Jan", "2026").
    pub first: String,
    pub second: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mark {
    pub value: i32,
    pub x: i32,
    pub y: i32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Segment {
    pub x1: i32,
    pub y1: i32,
    pub x2: i32,
    pub y2: i32,
}

/// One side's ratings: its marks and the lines between neighbouring ones.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Series {
    pub marks: Vec<Mark>,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Trend {
    pub width: i32,
    pub height: i32,
    pub left: i32,
    pub right: i32,
    pub levels: Vec<Level>,
    pub columns: Vec<Column>,
    pub label_y: i32,
    pub label_y2: i32,
    pub own: Series,
    pub manager: Series,
    pub legend_x: i32,
    pub legend_own_y: i32,
    pub legend_manager_y: i32,
}

/// One cycle to draw: its two-line label and both ratings (if any).
pub struct Point<'a> {
    pub first: &'a str,
    pub second: &'a str,
    pub own: Option<i32>,
    pub manager: Option<i32>,
}

/// The y of a rating on the scale.
pub fn y_of(value: i32) -> i32 {
    let v = value.clamp(RATING_MIN, RATING_MAX);
    TOP + (RATING_MAX - v) * STEP
}

/// The x of the `i`-th of `n` columns.
fn x_of(i: usize, n: usize) -> i32 {
    let (from, to) = (LEFT + 20, RIGHT - 20);
    if n <= 1 {
        return (from + to) / 2;
    }
    from + (to - from) * i as i32 / (n as i32 - 1)
}

fn series(points: &[Point<'_>], pick: impl Fn(&Point<'_>) -> Option<i32>, nudge: i32) -> Series {
    let n = points.len();
    let mut out = Series::default();
    let mut previous: Option<Mark> = None;
    for (i, p) in points.iter().enumerate() {
        let Some(value) = pick(p) else {
            continue;
        };
        let mark = Mark {
            value,
            x: x_of(i, n) + nudge,
            y: y_of(value),
        };
        if let Some(last) = &previous {
            out.segments.push(Segment {
                x1: last.x,
                y1: last.y,
                x2: mark.x,
                y2: mark.y,
            });
        }
        out.marks.push(mark.clone());
        previous = Some(mark);
    }
    out
}

/// Lay out the chart; `None` when there is nothing to draw. The caller
/// passes the cycles oldest first, at most [`MAX_CYCLES`] of them.
pub fn layout(points: &[Point<'_>]) -> Option<Trend> {
    if points.is_empty()
        || points
            .iter()
            .all(|p| p.own.is_none() && p.manager.is_none())
    {
        return None;
    }
    let n = points.len();
    let levels = (RATING_MIN..=RATING_MAX)
        .rev()
        .map(|value| Level {
            value,
            y: y_of(value),
        })
        .collect();
    let columns = points
        .iter()
        .enumerate()
        .map(|(i, p)| Column {
            x: x_of(i, n),
            first: p.first.to_string(),
            second: p.second.to_string(),
        })
        .collect();
    let bottom = y_of(RATING_MIN);
    let label_y = bottom + 26;
    let label_y2 = label_y + 16;
    let legend_own_y = label_y2 + 30;
    let legend_manager_y = legend_own_y + 24;
    Some(Trend {
        width: WIDTH,
        height: legend_manager_y + 10,
        left: LEFT,
        right: RIGHT,
        levels,
        columns,
        label_y,
        label_y2,
        own: series(points, |p| p.own, -NUDGE),
        manager: series(points, |p| p.manager, NUDGE),
        legend_x: LEFT - 20,
        legend_own_y,
        legend_manager_y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(own: Option<i32>, manager: Option<i32>) -> Point<'static> {
        Point {
            first: "Jan",
            second: "2026",
            own,
            manager,
        }
    }

    #[test]
    fn higher_ratings_are_drawn_higher_and_cycles_run_left_to_right() {
        let t = layout(&[point(Some(2), Some(3)), point(Some(4), Some(4))]).expect("a chart");
        assert!(y_of(5) < y_of(1));
        assert_eq!(
            t.levels.iter().map(|l| l.value).collect::<Vec<_>>(),
            vec![5, 4, 3, 2, 1]
        );
        assert!(t.columns[0].x < t.columns[1].x);
        assert_eq!(t.own.marks[0].y, y_of(2));
        assert_eq!(t.own.marks[1].y, y_of(4));
        assert_eq!(t.own.segments.len(), 1);
        assert_eq!(t.manager.marks.len(), 2);
        // The two marks of one cycle never sit on each other.
        assert_ne!(t.own.marks[1].x, t.manager.marks[1].x);
        assert!(t.columns.iter().all(|c| c.x > t.left && c.x < t.right));
        assert!(t.label_y > y_of(1) && t.height > t.legend_manager_y);
    }

    #[test]
    fn a_missing_rating_leaves_a_gap_in_its_line_only() {
        let t = layout(&[
            point(Some(3), Some(3)),
            point(None, Some(4)),
            point(Some(4), Some(5)),
        ])
        .expect("a chart");
        assert_eq!(t.own.marks.len(), 2);
        assert_eq!(t.own.segments.len(), 1, "joined across the gap, once");
        assert_eq!(t.manager.segments.len(), 2);
        assert!(layout(&[point(None, None)]).is_none());
        assert!(layout(&[]).is_none());
    }

    #[test]
    fn the_widest_chart_stays_inside_a_phones_column() {
        let points: Vec<Point<'_>> = (0..MAX_CYCLES).map(|_| point(Some(1), Some(5))).collect();
        let t = layout(&points).expect("a chart");
        let gap = t.columns[1].x - t.columns[0].x;
        assert!(gap >= 34, "room for a 4-letter label: {gap}");
        assert!(t
            .own
            .marks
            .iter()
            .chain(&t.manager.marks)
            .all(|m| m.x - 6 >= 0 && m.x + 6 <= WIDTH));
    }
}
