-- A message whose recipient blocks its sender: stored for the sender only. The recipient
-- never sees it (no feed entry, no membership update, not in their pages), and receipts
-- for it are not taken.
ALTER TABLE message ADD COLUMN withheld boolean NOT NULL DEFAULT false;
