//! Client options, their defaults, and the checks that turn a bad option into one message.
//!
//! Names follow `@sentry/browser` so an app's existing `init` call keeps its meaning.

use alloc::string::String;
use alloc::vec::Vec;
/// The SDK name on the wire unless the shim names its own (`faultline.javascript.react`).
pub const SDK_NAME: &str = "faultline.javascript.browser";
/// The SDK version on the wire unless the shim gives its own.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The package the npm build ships as.
pub const SDK_PACKAGE: &str = "npm:faultline";
/// Breadcrumbs kept unless the app says otherwise (also the most it may ask for).
pub const MAX_BREADCRUMBS: usize = 100;
/// Longest string value sent unless the app says otherwise.
pub const MAX_VALUE_LENGTH: usize = 8192;

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
    /// Package the SDK ships as (`npm:faultline`, `cargo:faultline`).
    pub sdk_package: &'static str,
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
            max_breadcrumbs: MAX_BREADCRUMBS,
            sdk_name: SDK_NAME.into(),
            sdk_version: SDK_VERSION.into(),
            sdk_package: SDK_PACKAGE,
            integrations: Vec::new(),
            tunnel: None,
            scrub: true,
            scrub_emails: true,
            scrub_patterns: Vec::new(),
            max_value_length: MAX_VALUE_LENGTH,
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
    /// Drops values the server would reject and clamps rates, calling `warn` once per fix.
    ///
    /// A release with a `/` would make Relay discard the field (and GlitchTip the release link),
    /// so it is better to say so at init than to lose it silently.
    pub fn sanitize(&mut self, mut warn: impl FnMut(&'static str)) {
        if let Some(r) = &self.release {
            if !valid_name(r, 200) {
                warn("release must be 1-200 characters without '/', '\\' or line breaks; it is ignored");
                self.release = None;
            }
        }
        if let Some(e) = &self.environment {
            if !valid_name(e, 64) || e == "None" {
                warn("environment must be 1-64 characters without '/' or line breaks; using 'production'");
                self.environment = None;
            }
        }
        if !(0.0..=1.0).contains(&self.sample_rate) {
            warn("sampleRate must be between 0 and 1; using 1");
            self.sample_rate = 1.0;
        }
        if self.max_breadcrumbs > MAX_BREADCRUMBS {
            self.max_breadcrumbs = MAX_BREADCRUMBS;
        }
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
        let mut warnings = 0;
        o.sanitize(|_| warnings += 1);
        assert_eq!(warnings, 3);
        assert_eq!(o.release, None);
        assert_eq!(o.environment, None);
        assert_eq!(o.sample_rate, 1.0);

        let mut ok = Options {
            release: Some("shop-web@3f9c2ab".into()),
            environment: Some("staging".into()),
            ..Options::default()
        };
        ok.sanitize(|w| panic!("{w}"));
    }
}
