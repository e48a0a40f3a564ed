-- PLACEHOLDER on branch s21-ops only: s21-cure owns migration 010 (this file name); s21-ops's 011
-- needs no gap below it (tests/db/database_test.cc). On merge, take s21-cure's file, not this one.
SELECT 1;
