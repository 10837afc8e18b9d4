//! Diesel's view of the tables in `migrations/{sqlite,postgres}`. Both backends
//! share these types: only portable column types are used.

diesel::table! {
    people (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        manager_id -> Nullable<Text>,
        department -> Text,
        job_title -> Text,
        job_description -> Text,
        lang -> Text,
        active -> Bool,
        email_digest -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    competencies (id) {
        id -> Text,
        key -> Text,
        name_id -> Text,
        name_en -> Text,
        description_id -> Text,
        description_en -> Text,
        position -> Integer,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    form_templates (id) {
        id -> Text,
        name -> Text,
        description -> Text,
        version -> Integer,
        parent_id -> Nullable<Text>,
        is_default -> Bool,
        frozen -> Bool,
        archived -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    form_sections (id) {
        id -> Text,
        template_id -> Text,
        position -> Integer,
        title_id -> Text,
        title_en -> Text,
        help_id -> Text,
        help_en -> Text,
        manager_title_id -> Text,
        manager_title_en -> Text,
        manager_help_id -> Text,
        manager_help_en -> Text,
    }
}

diesel::table! {
    form_questions (id) {
        id -> Text,
        section_id -> Text,
        position -> Integer,
        kind -> Text,
        side -> Text,
        prompt_id -> Text,
        prompt_en -> Text,
        help_id -> Text,
        help_en -> Text,
        competency_id -> Nullable<Text>,
        required -> Bool,
        manager_prompt_id -> Text,
        manager_prompt_en -> Text,
        manager_help_id -> Text,
        manager_help_en -> Text,
    }
}

diesel::table! {
    review_cycles (id) {
        id -> Text,
        name -> Text,
        template_id -> Text,
        status -> Text,
        opens_on -> Date,
        self_due_on -> Date,
        manager_due_on -> Date,
        ack_due_on -> Date,
        closes_on -> Date,
        reminder_days -> Text,
        dates_sequence -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        launched_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    cycle_participants (cycle_id, person_id) {
        cycle_id -> Text,
        person_id -> Text,
    }
}

diesel::table! {
    reviews (id) {
        id -> Text,
        cycle_id -> Text,
        person_id -> Text,
        manager_id -> Nullable<Text>,
        job_title -> Text,
        job_description -> Text,
        state -> Text,
        self_version -> Integer,
        manager_version -> Integer,
        self_submitted_at -> Nullable<Timestamp>,
        shared_at -> Nullable<Timestamp>,
        acknowledged_at -> Nullable<Timestamp>,
        acknowledgement_response -> Text,
        manager_summary -> Text,
        team_summary -> Text,
        team_summary_published_at -> Nullable<Timestamp>,
        reopened_reason -> Text,
        reopened_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        handed_in_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    answers (id) {
        id -> Text,
        review_id -> Text,
        question_id -> Text,
        side -> Text,
        rating -> Nullable<Integer>,
        body -> Text,
        status -> Text,
        version -> Integer,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    strengths_weaknesses (id) {
        id -> Text,
        person_id -> Text,
        review_id -> Nullable<Text>,
        competency_id -> Nullable<Text>,
        kind -> Text,
        side -> Text,
        stance -> Text,
        responds_to_id -> Nullable<Text>,
        body -> Text,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        review_id -> Text,
        author_id -> Text,
        parent_id -> Nullable<Text>,
        section_id -> Nullable<Text>,
        competency_id -> Nullable<Text>,
        kind -> Text,
        visibility -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    goals (id) {
        id -> Text,
        person_id -> Text,
        review_id -> Nullable<Text>,
        carried_from_id -> Nullable<Text>,
        kind -> Text,
        title -> Text,
        description -> Text,
        support_needed -> Text,
        status -> Text,
        due_on -> Nullable<Date>,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    journal_entries (id) {
        id -> Text,
        author_id -> Text,
        subject_id -> Text,
        entry_on -> Date,
        kind -> Text,
        body -> Text,
        visibility -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        review_id -> Nullable<Text>,
        details -> Text,
        actor_id -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_outbox (id) {
        id -> Text,
        dedupe_key -> Text,
        message_id -> Text,
        recipient_id -> Nullable<Text>,
        to_address -> Text,
        kind -> Text,
        lang -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        ics -> Nullable<Text>,
        cycle_id -> Nullable<Text>,
        review_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        leased_by -> Nullable<Text>,
        last_error -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        payload -> Text,
        digest_id -> Nullable<Text>,
        smtp_response -> Text,
    }
}

diesel::table! {
    email_send_counts (second) {
        second -> Timestamp,
        claimed -> Integer,
    }
}

diesel::table! {
    mail_plan (key) {
        key -> Text,
        planned_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        review_id -> Nullable<Text>,
        cycle_id -> Nullable<Text>,
        details -> Text,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        person_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    one_time_tokens (token_hash) {
        token_hash -> Text,
        purpose -> Text,
        person_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        at -> Timestamp,
        email -> Text,
        client_ip -> Text,
        succeeded -> Bool,
    }
}

diesel::table! {
    trusted_devices (token_hash) {
        token_hash -> Text,
        person_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    form_stash (token_hash) {
        token_hash -> Text,
        person_id -> Text,
        path -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> people (person_id));
diesel::table! {
    cycle_calibrations (cycle_id) {
        cycle_id -> Text,
        due_on -> Date,
        final_visible -> Bool,
        by_managers -> Bool,
        locked_at -> Nullable<Timestamp>,
        locked_by -> Nullable<Text>,
    }
}

diesel::table! {
    rating_adjustments (id) {
        id -> Text,
        review_id -> Text,
        question_id -> Text,
        rating_before -> Nullable<Integer>,
        rating_after -> Integer,
        reason -> Text,
        adjusted_by -> Nullable<Text>,
        adjusted_at -> Timestamp,
    }
}

diesel::joinable!(reviews -> review_cycles (cycle_id));
diesel::joinable!(cycle_calibrations -> review_cycles (cycle_id));
diesel::joinable!(rating_adjustments -> reviews (review_id));
diesel::joinable!(form_questions -> form_sections (section_id));
diesel::joinable!(form_sections -> form_templates (template_id));
diesel::joinable!(answers -> reviews (review_id));
diesel::joinable!(comments -> reviews (review_id));
diesel::joinable!(review_cycles -> form_templates (template_id));
diesel::joinable!(reviews -> people (person_id));
diesel::joinable!(cycle_participants -> people (person_id));

diesel::allow_tables_to_appear_in_same_query!(
    people,
    cycle_calibrations,
    rating_adjustments,
    competencies,
    form_templates,
    form_sections,
    form_questions,
    review_cycles,
    cycle_participants,
    reviews,
    answers,
    strengths_weaknesses,
    comments,
    goals,
    journal_entries,
    notifications,
    email_outbox,
    mail_plan,
    audit_log,
    sessions,
    one_time_tokens,
    login_attempts,
    trusted_devices,
    form_stash,
);
