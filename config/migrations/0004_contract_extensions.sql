-- How many of a contract's extension options have been used.
ALTER TABLE contracts ADD COLUMN extensions_used INT NOT NULL DEFAULT 0;
