//! Client options, their defaults, and the checks that turn a bad option into one message.
//!
//! Names follow `@sentry/browser` so an app's existing `init` call keeps its meaning.

use alloc::string::String;
use alloc::vec::Vec;
/// Everything `init` accepts that the core acts on.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where events go. `None` or empty: the client runs but sends nothing.
    pub dsn: Option<String>,
    /// Build or version identifier (`shop-web@3f9c2ab`).
    pub release: Option<String>,
    /// Deployment environment; `production` when unset.
    pub environment: Option<String>,
    /// Build variant within a release.
    pub dist: Option<String>,
    /// Share of error events to keep, 0.0 to 1.0.
    pub sample_rate: f64,
    /// Print what the SDK does and why it drops things.
    pub debug: bool,
    /// `false` turns the SDK off entirely.
    pub enabled: bool,
    /// Opt-in to personal data: user IP inferred by the server, cookies, full URLs.
    pub send_default_pii: bool,
    /// How many breadcrumbs to keep (newest win).
    pub max_breadcrumbs: usize,
    /// SDK name on the wire, e.g. `faultline.javascript.react`.
    pub sdk_name: String,
    /// SDK version on the wire.
    pub sdk_version: String,
    /// Package the SDK ships as (`npm:faultline`).
    pub sdk_package: String,
    /// Names of the integrations the shim installed, reported in `sdk.integrations`.
    pub integrations: Vec<String>,
    /// Same-origin URL to post envelopes to instead of the DSN's host (ad blockers).
    pub tunnel: Option<String>,
    /// Built-in scrubbing of tokens, JWTs and card numbers in everything sent (`crate::scrub`).
    pub scrub: bool,
    /// Also filter email addresses (`scrub: { emails: false }` turns it off).
    pub scrub_emails: bool,
    /// Literal strings filtered wherever they appear (`scrub: { patterns: [...] }`).
    pub scrub_patterns: Vec<String>,
    /// Longest string value sent, in characters; longer ones end with `…`.
    pub max_value_length: usize,
    /// Most events per minute for one issue; 0 (the default) for no cap (`crate::storm`).
    pub storm_cap: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dsn: None,
            release: None,
            environment: None,
            dist: None,
            sample_rate: 1.0,
            debug: false,
            enabled: true,
            send_default_pii: false,
            max_breadcrumbs: 100,
            sdk_name: "faultline.javascript.browser".into(),
            sdk_version: env!("CARGO_PKG_VERSION").into(),
            sdk_package: "npm:faultline".into(),
            integrations: Vec::new(),
            tunnel: None,
            scrub: true,
            scrub_emails: true,
            scrub_patterns: Vec::new(),
            max_value_length: 8192,
            storm_cap: 0,
        }
    }
}

/// The reasons a release or environment would be refused by Relay (PROTOCOL §4).
fn valid_name(s: &str, max: usize) -> bool {
    let t = crate::text::trim(s);
    !t.is_empty()
        && s.len() <= max
        && t != "."
        && t != ".."
        && crate::text::find_any(s, b"/\\\n\r\t").is_none()
}

impl Options {
    /// Drops values the server would reject and clamps rates, returning one warning per fix.
    ///
    /// A release with a `/` would make Relay discard the field (and GlitchTip the release link),
    /// so it is better to say so at init than to lose it silently.
    pub fn sanitize(&mut self) -> Vec<&'static str> {
        let mut warnings = Vec::new();
        if let Some(r) = &self.release {
            if !valid_name(r, 200) {
                warnings.push("release must be 1-200 characters without '/', '\\' or line breaks; it is ignored");
                self.release = None;
            }
        }
        if let Some(e) = &self.environment {
            if !valid_name(e, 64) || e == "None" {
                warnings.push("environment must be 1-64 characters without '/' or line breaks; using 'production'");
                self.environment = None;
            }
        }
        if !(0.0..=1.0).contains(&self.sample_rate) {
            warnings.push("sampleRate must be between 0 and 1; using 1");
            self.sample_rate = 1.0;
        }
        if self.max_breadcrumbs > 100 {
            self.max_breadcrumbs = 100;
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_names_relay_would_drop() {
        let mut o = Options {
            release: Some("a/b".into()),
            environment: Some("x".repeat(65)),
            sample_rate: 2.0,
            ..Options::default()
        };
        assert_eq!(o.sanitize().len(), 3);
        assert_eq!(o.release, None);
        assert_eq!(o.environment, None);
        assert_eq!(o.sample_rate, 1.0);

        let mut ok = Options {
            release: Some("shop-web@3f9c2ab".into()),
            environment: Some("staging".into()),
            ..Options::default()
        };
        assert!(ok.sanitize().is_empty());
    }
}
