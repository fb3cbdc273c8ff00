-- Which enrolment code made a lead a lead (its hash, as in invites), so the operator can end
-- that access when the person leaves the job: `kindred leads --remove CODE`. Only for leads: a
-- participant's code is not kept beside their rows, where the operator's list of who got which
-- code would put a name to their check-in times. NULL for leads who joined before this.
ALTER TABLE memberships ADD COLUMN invite_hash TEXT;
