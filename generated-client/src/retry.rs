//! When to retry and how long to wait, as Composio's official SDKs do: connection errors,
//! timeouts, 408, 409, 429 and 5xx are retried; the server's `x-should-retry` overrides that;
//! the wait is the server's `retry-after-ms` or `Retry-After` when it is within (0, 60 s],
//! otherwise `min(initial · 2^n, max)` less up to 25 % jitter.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName};

use crate::headers::{RETRY_AFTER, RETRY_AFTER_MS, SHOULD_RETRY};

/// Retry timing: the first delay and the cap of the exponential backoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Backoff {
    pub(crate) initial: Duration,
    pub(crate) max: Duration,
}

impl Backoff {
    /// The official SDKs' timing: 0.5 s doubling up to 8 s.
    pub(crate) const DEFAULT: Backoff = Backoff {
        initial: Duration::from_millis(500),
        max: Duration::from_secs(8),
    };
}

/// The longest server-requested wait that is honoured; a longer one falls back to backoff.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

/// Whether a response with `status` is worth retrying.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// Whether the outcome of one attempt is worth retrying.
pub(crate) fn should_retry(outcome: &reqwest::Result<reqwest::Response>) -> bool {
    match outcome {
        Ok(response) => server_says_retry(response.headers())
            .unwrap_or_else(|| is_retryable_status(response.status())),
        // A request that could not be built will not build next time either.
        Err(e) => !e.is_builder(),
    }
}

/// The server's own verdict, `x-should-retry: true|false`, which overrides the status.
pub(crate) fn server_says_retry(headers: &HeaderMap) -> Option<bool> {
    match headers.get(&SHOULD_RETRY)?.to_str().ok()?.trim() {
        v if v.eq_ignore_ascii_case("true") => Some(true),
        v if v.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// How long to wait before retry number `retry` (0 for the first), given the headers of the
/// response that failed, if any.
pub(crate) fn delay(retry: u32, headers: Option<&HeaderMap>, backoff: Backoff) -> Duration {
    if let Some(wait) = headers.and_then(server_delay) {
        return wait;
    }
    let exponential = backoff
        .initial
        .saturating_mul(2u32.saturating_pow(retry))
        .min(backoff.max);
    exponential.mul_f64(1.0 - 0.25 * fastrand::f64())
}

/// The wait the server asked for, when it is within (0, 60 s].
pub(crate) fn server_delay(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let millis = text(&RETRY_AFTER_MS)
        .and_then(|v| v.parse::<f64>().ok())
        .map(|ms| ms / 1000.0);
    let seconds = millis.or_else(|| {
        let value = text(&RETRY_AFTER)?;
        value.parse::<f64>().ok().or_else(|| {
            let at = httpdate::parse_http_date(value).ok()?;
            Some(match at.duration_since(SystemTime::now()) {
                Ok(ahead) => ahead.as_secs_f64(),
                Err(_) => 0.0,
            })
        })
    })?;
    let wait = Duration::try_from_secs_f64(seconds).ok()?;
    (!wait.is_zero() && wait <= MAX_SERVER_DELAY).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const BACKOFF: Backoff = Backoff::DEFAULT;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                *name,
                HeaderValue::from_str(value).unwrap_or_else(|e| panic!("{e}")),
            );
        }
        map
    }

    #[test]
    fn backoff_doubles_from_half_a_second_to_eight_with_at_most_a_quarter_off() {
        for (retry, full) in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)] {
            for _ in 0..50 {
                let wait = delay(retry, None, BACKOFF).as_secs_f64();
                assert!(wait <= full && wait >= full * 0.75, "retry {retry}: {wait}");
            }
        }
    }

    #[test]
    fn the_server_delay_wins_when_within_sixty_seconds() {
        let wait = |pairs: &[(&'static str, &str)]| server_delay(&headers(pairs));
        assert_eq!(
            wait(&[("retry-after-ms", "250")]),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "1500"), ("retry-after", "30")]),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(wait(&[("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(wait(&[("retry-after", "61")]), None);
        assert_eq!(wait(&[("retry-after", "0")]), None);
        assert_eq!(wait(&[("retry-after", "-1")]), None);
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        let in_ten = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(10));
        let got = wait(&[("retry-after", &in_ten)]).unwrap_or_default();
        assert!(
            got > Duration::from_secs(8) && got <= Duration::from_secs(10),
            "{got:?}"
        );
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(10));
        assert_eq!(wait(&[("retry-after", &past)]), None);
    }

    #[test]
    fn retryable_statuses_are_those_of_the_official_sdks() {
        let retryable: Vec<u16> = (100..600)
            .filter(|s| StatusCode::from_u16(*s).is_ok_and(is_retryable_status))
            .filter(|s| *s < 500)
            .collect();
        assert_eq!(retryable, [408, 409, 429]);
        assert!(is_retryable_status(StatusCode::INTERNAL_SERVER_ERROR));
        assert!(is_retryable_status(
            StatusCode::from_u16(599).unwrap_or_default()
        ));
    }
}
