-- A one-time token may also finish a sign-in that the throttle held back
-- (auth::throttle).
ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
    CHECK (purpose IN ('setup', 'invitation', 'password_reset', 'sign_in'));
