DROP INDEX reviews_handed_in_idx;
DROP INDEX reviews_cycle_cover_idx;
DROP INDEX people_card_idx;
