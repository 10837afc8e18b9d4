DROP FUNCTION everyone_below(text);
