//! Diesel table definitions, matching `migrations/sqlite`.

diesel::table! {
    import_runs (id) {
        id -> BigInt,
        started_at -> Text,
        finished_at -> Text,
        actor -> Text,
        source -> Text,
        checksum -> Text,
        outcome -> Text,
        added -> Integer,
        changed -> Integer,
        removed -> Integer,
        error_count -> Integer,
        revision -> Nullable<BigInt>,
    }
}

diesel::table! {
    import_errors (id) {
        id -> BigInt,
        run_id -> BigInt,
        place -> Text,
        row_number -> Nullable<Integer>,
        column_name -> Nullable<Text>,
        message -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Text,
        actor -> Text,
        source -> Text,
        run_id -> Nullable<BigInt>,
        item_kind -> Text,
        item_id -> Text,
        item_iri -> Text,
        action -> Text,
        before_nt -> Nullable<Text>,
        after_nt -> Nullable<Text>,
        before_nt_lz4 -> Nullable<Binary>,
        after_nt_lz4 -> Nullable<Binary>,
        revision -> Nullable<BigInt>,
    }
}

diesel::joinable!(import_errors -> import_runs (run_id));

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        name -> Text,
        role -> Text,
        token_hash -> Text,
        created_at -> Text,
        revoked_at -> Nullable<Text>,
        region -> Nullable<Text>,
        authority -> Nullable<Text>,
    }
}

diesel::table! {
    status_changes (id) {
        id -> BigInt,
        at -> Text,
        item_kind -> Text,
        item_id -> Text,
        item_iri -> Text,
        authority -> Text,
        from_status -> Text,
        to_status -> Text,
        actor -> Text,
        note -> Text,
        revision -> Nullable<BigInt>,
    }
}

diesel::table! {
    store_writes (revision) {
        revision -> BigInt,
        state -> Text,
        started_at -> Text,
        settled_at -> Nullable<Text>,
    }
}

diesel::table! {
    pending_imports (id) {
        id -> Text,
        editor -> Text,
        file_name -> Text,
        content -> Binary,
        prune -> Bool,
        revision -> BigInt,
        created_at -> Text,
    }
}

diesel::table! {
    sessions (session_hash) {
        session_hash -> Text,
        token_id -> BigInt,
        created_at -> Text,
        expires_at -> Text,
    }
}

diesel::joinable!(sessions -> api_tokens (token_id));

diesel::table! {
    conformance_runs (id) {
        id -> BigInt,
        recorded_at -> Text,
        actor -> Text,
        region -> Text,
        collection -> Text,
        use_case -> Nullable<Text>,
        period -> Text,
        row_count -> BigInt,
        failing_rows -> BigInt,
        unknown_columns -> Integer,
        conformant -> Bool,
        synthetic -> Bool,
    }
}

diesel::table! {
    conformance_results (id) {
        id -> BigInt,
        run_id -> BigInt,
        variable -> Text,
        column_name -> Nullable<Text>,
        rule -> Text,
        checked -> BigInt,
        failing -> BigInt,
    }
}

diesel::joinable!(conformance_results -> conformance_runs (run_id));

diesel::table! {
    link_checks (id) {
        id -> BigInt,
        checked_at -> Text,
        url -> Text,
        property -> Text,
        subject -> Text,
        status -> Nullable<Integer>,
        error -> Nullable<Text>,
        ok -> Bool,
    }
}

diesel::table! {
    proposals (id) {
        id -> BigInt,
        item_kind -> Text,
        item_id -> Text,
        changes -> Text,
        motivation -> Text,
        proposer -> Text,
        status -> Text,
        created_at -> Text,
        created_by -> Text,
        updated_at -> Text,
        revision -> BigInt,
        applied_version -> Nullable<Text>,
        applied_at -> Nullable<Text>,
    }
}

diesel::table! {
    proposal_comments (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        at -> Text,
        actor -> Text,
        from_status -> Nullable<Text>,
        to_status -> Nullable<Text>,
        body -> Text,
    }
}

diesel::joinable!(proposal_comments -> proposals (proposal_id));

diesel::table! {
    candidate_verdicts (id) {
        id -> BigInt,
        variable_a -> Text,
        variable_b -> Text,
        verdict -> Text,
        actor -> Text,
        at -> Text,
        note -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    import_runs,
    import_errors,
    audit_log,
    api_tokens,
    status_changes,
    store_writes,
    pending_imports,
    sessions,
    conformance_runs,
    conformance_results,
    link_checks,
    proposals,
    proposal_comments,
    candidate_verdicts
);
