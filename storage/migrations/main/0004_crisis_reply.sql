-- When this person last got the crisis reply, so the next check-in stays gentle (no 1-5 question)
-- across a restart. Encrypted with the person's data key like anything about how they are: a
-- clear timestamp would tell anyone holding the file who had a crisis and when. Cleared once it
-- is older than the bot's twelve hours; destroyed with the key on /delete.
ALTER TABLE users ADD COLUMN crisis_reply_enc BLOB;
