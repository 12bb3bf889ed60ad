//! The DSN: which server, which project, which public key.
//!
//! `{scheme}://{public_key}[:{secret}]@{host}[:{port}]/[{path}/]{project_id}`. The secret is
//! legacy and is dropped on parsing: a browser must never send it. Parsing never panics and
//! every failure names the broken part, so `init` can print one precise message.

use crate::text::{rsplit_once, split_once, trim_end_byte, trim_start_byte, until_any};
use alloc::string::String;
/// A parsed DSN, reduced to what a browser client needs. It borrows the text it was parsed
/// from: the client keeps only the URL built from it, so copying its parts would be wasted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dsn<'a> {
    scheme: &'static str,
    public_key: &'a str,
    host: &'a str,
    port: Option<u16>,
    path: &'a str,
    project_id: &'a str,
}

/// Why a DSN was refused; each variant names the part that is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseDsnError {
    /// The string is empty.
    Empty,
    /// The scheme is not `http` or `https`, or `://` is missing.
    InvalidScheme,
    /// There is no `key@` before the host.
    NoPublicKey,
    /// The public key has characters other than letters, digits and `_`, or `-` for dashed UUIDs.
    InvalidPublicKey,
    /// Nothing between `@` and the path.
    NoHost,
    /// The host has characters a host name, IPv4 or bracketed IPv6 address cannot have.
    InvalidHost,
    /// The port is not a number from 1 to 65535.
    InvalidPort,
    /// The last path segment (the project id) is missing.
    NoProjectId,
    /// The project id is not made of digits.
    InvalidProjectId,
}

impl ParseDsnError {
    /// What is wrong, in a few English words; the console line already says it is the DSN.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Empty => "it is empty",
            Self::InvalidScheme => "it must start with http:// or https://",
            Self::NoPublicKey => "no public key before '@'",
            Self::InvalidPublicKey => {
                "the public key has characters other than letters, digits, '-' and '_'"
            }
            Self::NoHost => "no host after '@'",
            Self::InvalidHost => "the host is not a valid host name or address",
            Self::InvalidPort => "the port is not a number from 1 to 65535",
            Self::NoProjectId => "no project id at the end of the path",
            Self::InvalidProjectId => "the project id is not a number",
        }
    }
}

impl core::fmt::Display for ParseDsnError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("invalid DSN: ")?;
        f.write_str(self.describe())
    }
}

impl core::error::Error for ParseDsnError {}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Dsn<'a> {
    /// Parses a DSN. Surrounding white space is ignored (it is a common copy-paste accident).
    pub fn parse(dsn: &'a str) -> Result<Dsn<'a>, ParseDsnError> {
        let dsn = crate::text::trim(dsn);
        if dsn.is_empty() {
            return Err(ParseDsnError::Empty);
        }
        let (scheme, rest) = if let Some(r) = dsn.strip_prefix("https://") {
            ("https", r)
        } else if let Some(r) = dsn.strip_prefix("http://") {
            ("http", r)
        } else {
            return Err(ParseDsnError::InvalidScheme);
        };
        // The authority ends at the first '/', '?' or '#'.
        let authority = until_any(rest, b"/?#");
        let tail = rest.get(authority.len()..).unwrap_or("");
        let (userinfo, hostport) = rsplit_once(authority, "@").ok_or(ParseDsnError::NoPublicKey)?;
        let public_key = match split_once(userinfo, ":") {
            Some((key, _secret)) => key,
            None => userinfo,
        };
        if public_key.is_empty() {
            return Err(ParseDsnError::NoPublicKey);
        }
        if !public_key.bytes().all(|b| is_word(b) || b == b'-') {
            return Err(ParseDsnError::InvalidPublicKey);
        }
        let (host, port) = split_host_port(hostport)?;
        // Path: drop query and fragment, then the last segment is the project id.
        let path = trim_end_byte(until_any(tail, b"?#"), b'/');
        let (prefix, project) = rsplit_once(path, "/").ok_or(ParseDsnError::NoProjectId)?;
        if project.is_empty() {
            return Err(ParseDsnError::NoProjectId);
        }
        if !project.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseDsnError::InvalidProjectId);
        }
        Ok(Dsn {
            scheme,
            public_key,
            host,
            port,
            path: trim_start_byte(prefix, b'/'),
            project_id: project,
        })
    }

    /// The key that authenticates envelopes (`sentry_key`).
    pub fn public_key(&self) -> &'a str {
        self.public_key
    }

    /// The project the events belong to.
    pub fn project_id(&self) -> &'a str {
        self.project_id
    }

    /// The host name or address, brackets kept for IPv6.
    pub fn host(&self) -> &'a str {
        self.host
    }

    /// `{scheme}://{host}[:{port}][/{path}]/api/` — the root every ingest URL hangs from.
    pub fn api_base(&self) -> String {
        let mut s = String::with_capacity(64);
        s.push_str(self.scheme);
        s.push_str("://");
        s.push_str(self.host);
        if let Some(p) = self.port {
            s.push(':');
            crate::protocol::json::push_u64(&mut s, p.into());
        }
        s.push('/');
        if !self.path.is_empty() {
            s.push_str(self.path);
            s.push('/');
        }
        s.push_str("api/");
        s
    }

    /// The envelope endpoint with authentication in the query string.
    ///
    /// Browsers put the key in the query rather than in `X-Sentry-Auth` so the request stays a
    /// CORS "simple request" with no preflight. `client` is `name/version`; it is URL-encoded here.
    pub fn envelope_url(&self, client: &str) -> String {
        let mut s = self.api_base();
        s.push_str(self.project_id);
        s.push_str("/envelope/?sentry_version=7&sentry_key=");
        s.push_str(self.public_key);
        s.push_str("&sentry_client=");
        push_url_encoded(&mut s, client);
        s
    }
}

fn split_host_port(hostport: &str) -> Result<(&str, Option<u16>), ParseDsnError> {
    if hostport.is_empty() {
        return Err(ParseDsnError::NoHost);
    }
    let (host, port) = if let Some(v6) = hostport.strip_prefix("[") {
        let (addr, rest) = split_once(v6, "]").ok_or(ParseDsnError::InvalidHost)?;
        if addr.is_empty()
            || !addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(ParseDsnError::InvalidHost);
        }
        // Keep the brackets: the host goes back into a URL.
        let h = hostport
            .get(..addr.len() + 2)
            .ok_or(ParseDsnError::InvalidHost)?;
        match rest.strip_prefix(":") {
            Some(p) => (h, Some(p)),
            None if rest.is_empty() => (h, None),
            None => return Err(ParseDsnError::InvalidHost),
        }
    } else {
        match split_once(hostport, ":") {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    if host.is_empty() {
        return Err(ParseDsnError::NoHost);
    }
    if !host.starts_with("[")
        && !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
    {
        return Err(ParseDsnError::InvalidHost);
    }
    let port = match port {
        None => None,
        Some(p) => Some(parse_port(p).ok_or(ParseDsnError::InvalidPort)?),
    };
    Ok((host, port))
}

fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || p.len() > 5 {
        return None;
    }
    let mut n: u32 = 0;
    for b in p.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(b - b'0');
    }
    if n == 0 || n > 65535 {
        None
    } else {
        Some(n as u16)
    }
}

/// Appends `s` percent-encoded as a query value (unreserved characters kept).
pub fn push_url_encoded(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

    #[test]
    fn parses_the_common_forms() {
        let cases = [
            // (reason, dsn, api base, project)
            (
                "plain https",
                "https://KEY@o1.ingest.example.com/42",
                "https://o1.ingest.example.com/api/",
                "42",
            ),
            (
                "port and path prefix",
                "http://KEY@localhost:8000/gt/sub/7",
                "http://localhost:8000/gt/sub/api/",
                "7",
            ),
            (
                "legacy secret is dropped",
                "https://KEY:s3cr3t@errors.example.com/9",
                "https://errors.example.com/api/",
                "9",
            ),
            (
                "ipv6 host",
                "http://KEY@[::1]:9000/3",
                "http://[::1]:9000/api/",
                "3",
            ),
            (
                "trailing slash",
                "https://KEY@h.example/5/",
                "https://h.example/api/",
                "5",
            ),
            (
                "white space around",
                "  https://KEY@h.example/6\n",
                "https://h.example/api/",
                "6",
            ),
        ];
        for (why, dsn, base, project) in cases {
            let dsn = dsn.replace("KEY", KEY);
            let d = Dsn::parse(&dsn).unwrap_or_else(|e| panic!("{why}: {e}"));
            assert_eq!(d.api_base(), base, "{why}");
            assert_eq!(d.project_id(), project, "{why}");
            assert_eq!(d.public_key(), KEY, "{why}");
        }
    }

    #[test]
    fn names_the_broken_part() {
        use ParseDsnError::*;
        let cases = [
            ("", Empty),
            ("ftp://KEY@h/1", InvalidScheme),
            ("KEY@h/1", InvalidScheme),
            ("https://h.example/1", NoPublicKey),
            ("https://@h.example/1", NoPublicKey),
            ("https://ke y@h.example/1", InvalidPublicKey),
            ("https://KEY@/1", NoHost),
            ("https://KEY@:80/1", NoHost),
            ("https://KEY@h!st/1", InvalidHost),
            ("https://KEY@[::1/1", InvalidHost),
            ("https://KEY@h:99999/1", InvalidPort),
            ("https://KEY@h:0/1", InvalidPort),
            ("https://KEY@h:8a/1", InvalidPort),
            ("https://KEY@h", NoProjectId),
            ("https://KEY@h/", NoProjectId),
            ("https://KEY@h/abc", InvalidProjectId),
        ];
        for (dsn, want) in cases {
            assert_eq!(Dsn::parse(&dsn.replace("KEY", KEY)), Err(want), "{dsn}");
        }
    }

    #[test]
    fn envelope_url_carries_auth_in_the_query() {
        let dsn = format!("https://{KEY}:secret@errors.example.com/gt/7");
        let d = Dsn::parse(&dsn).unwrap();
        assert_eq!(
            d.envelope_url("faultline.javascript/0.1.0"),
            format!("https://errors.example.com/gt/api/7/envelope/?sentry_version=7&sentry_key={KEY}&sentry_client=faultline.javascript%2F0.1.0")
        );
        assert!(!d.envelope_url("x").contains("secret"));
    }
}
