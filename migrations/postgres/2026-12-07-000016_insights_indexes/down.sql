DROP INDEX goals_support_idx;
DROP INDEX strengths_weaknesses_named_idx;
