//! The redirect policy of the HTTP client [`super::ClientBuilder`] builds.

/// Follows a redirect only to the origin (scheme, host, port) of the request it answers, at
/// most ten times. reqwest drops `Authorization` on a cross-origin redirect but keeps custom
/// headers such as `x-api-key`, so a redirect elsewhere is not followed: the 3xx response is
/// returned and becomes an error.
pub(super) fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .last()
            .is_some_and(|previous| previous.origin() == attempt.url().origin());
        if attempt.previous().len() > 10 || !same_origin {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}
