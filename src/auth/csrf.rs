//! Cross-site request forgery defences: a synchronizer token per session (or,
//! before sign-in, per browser in a cookie) that every form carries, and a
//! check that a state-changing request comes from our own origin.

/// The form field and header that carry the token.
pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

/// Does the Origin (or, failing that, Referer) name our own site? Absent
/// headers pass: the token check still applies.
pub fn same_origin(
    origin: Option<&str>,
    referer: Option<&str>,
    base_url: &str,
    host: Option<&str>,
) -> bool {
    let ours = |url: &str| -> bool {
        let url = url.trim_end_matches('/');
        if url == base_url || url.starts_with(&format!("{base_url}/")) {
            return true;
        }
        // Also accept the Host the request came in on (a proxy may serve us
        // under more than one name); the scheme is not checked here.
        if let (Some(host), Some(rest)) = (host, url.split_once("://").map(|(_, r)| r)) {
            let authority = rest.split('/').next().unwrap_or("");
            return authority.eq_ignore_ascii_case(host);
        }
        false
    };
    match (origin, referer) {
        (Some("null"), _) => false,
        (Some(o), _) => ours(o),
        (None, Some(r)) => ours(r),
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_rules() {
        let base = "http://127.0.0.1:8080";
        assert!(same_origin(Some("http://127.0.0.1:8080"), None, base, None));
        assert!(same_origin(
            None,
            Some("http://127.0.0.1:8080/people"),
            base,
            None
        ));
        assert!(!same_origin(
            Some("http://evil.example"),
            None,
            base,
            Some("127.0.0.1:8080")
        ));
        assert!(!same_origin(Some("null"), None, base, None));
        assert!(same_origin(
            Some("https://cermin.example"),
            None,
            base,
            Some("cermin.example")
        ));
        assert!(!same_origin(
            None,
            Some("http://127.0.0.1:8080.evil.example/"),
            base,
            Some("127.0.0.1:8080")
        ));
        assert!(same_origin(None, None, base, None));
    }
}
