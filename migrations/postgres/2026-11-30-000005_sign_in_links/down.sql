DELETE FROM one_time_tokens WHERE purpose = 'sign_in';
ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
    CHECK (purpose IN ('setup', 'invitation', 'password_reset'));
