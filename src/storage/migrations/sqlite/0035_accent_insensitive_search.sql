-- Searching records finds words whatever their accents (decision 0036).
-- SQLite's index has always done so (unicode61 remove_diacritics 2,
-- migration 0016); PostgreSQL's words column now folds alike. Nothing to
-- do here but keep the two dialects' migrations numbered alike.
SELECT 1;
