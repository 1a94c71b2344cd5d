//! A `postgres://` vault URL resolved the way libpq users expect: what the URL leaves out comes
//! from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`,
//! `PGSSLROOTCERT`, and the password file (`PGPASSFILE`, else `~/.pgpass`, ignored unless
//! 0600 or stricter); `sslmode` has libpq's six values, over rustls. The result is a
//! `vault::location::PgTarget` whose name (`shown`) never holds the password.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use postgres::config::{Host, SslMode};

use crate::config::var;
use crate::error::{Error, Result};
use crate::vault::location::{Location, PgTarget};

/// libpq's `sslmode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tls {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Tls {
    fn parse(s: &str) -> Result<Tls> {
        Ok(match s {
            "disable" => Tls::Disable,
            "allow" => Tls::Allow,
            "prefer" => Tls::Prefer,
            "require" => Tls::Require,
            "verify-ca" => Tls::VerifyCa,
            "verify-full" => Tls::VerifyFull,
            _ => {
                return Err(Error::usage(format!("unknown sslmode {s:?}")).with_hint(
                    "sslmode is one of disable, allow, prefer, require, verify-ca, verify-full",
                ));
            }
        })
    }
}

fn bad_url(why: impl std::fmt::Display) -> Error {
    Error::usage(format!("the vault URL is not valid: {why}")).with_hint(
        "postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full (the password belongs in ~/.pgpass or PGPASSWORD)",
    )
}

/// `%XX` decoding of a URL query value.
fn percent_decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| bad_url("a % escape is malformed"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad_url("a query value is not UTF-8"))
}

/// Resolves a vault URL into a location (see the module doc).
pub fn resolve(url: &str) -> Result<Location> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let (mut sslmode, mut rootcert, mut passfile) = (None, None, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "sslmode" => sslmode = Some(percent_decode(v)?),
            "sslrootcert" => rootcert = Some(percent_decode(v)?),
            "passfile" => passfile = Some(percent_decode(v)?),
            _ => kept.push(pair),
        }
    }
    let text = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    // The parser's messages name options, never their values.
    let mut config = postgres::Config::from_str(&text).map_err(bad_url)?;
    // The parser ends user:password at the first `@` anywhere in the URL and the host at the
    // next `/` or `?`: with another `@` in the password (before or after a `/` in it), its
    // tail becomes a host, which every message and record would name. Checked on what the
    // parser made of it, so that no way of writing the URL gets past.
    if config
        .get_hosts()
        .iter()
        .any(|h| matches!(h, Host::Tcp(t) if t.contains('@')))
    {
        return Err(bad_url(
            "the part before the host holds an unescaped @ (write it as %40, or keep the password in ~/.pgpass)",
        ));
    }
    if config.get_hosts().is_empty() {
        match var("PGHOST") {
            Some(h) if !h.is_empty() => {
                for h in h.split(',') {
                    config.host(h);
                }
            }
            _ => {
                let dir = ["/var/run/postgresql", "/run/postgresql"]
                    .into_iter()
                    .find(|d| Path::new(d).is_dir())
                    .unwrap_or("/tmp");
                config.host_path(dir);
            }
        }
    }
    if config.get_ports().is_empty() {
        if let Some(p) = var("PGPORT").filter(|p| !p.is_empty()) {
            let port = p
                .parse()
                .map_err(|_| bad_url(format!("PGPORT {p:?} is not a port")))?;
            config.port(port);
        }
    }
    if config.get_user().is_none() {
        if let Some(u) = var("PGUSER")
            .or_else(|| var("USER"))
            .or_else(|| var("LOGNAME"))
            .filter(|u| !u.is_empty())
        {
            config.user(&u);
        }
    }
    if config.get_dbname().is_none() {
        if let Some(d) = var("PGDATABASE").filter(|d| !d.is_empty()) {
            config.dbname(&d);
        }
    }
    let host = first_host(&config);
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or_default().to_string();
    let dbname = config.get_dbname().unwrap_or(&user).to_string();
    if config.get_password().is_none() {
        if let Some(p) = var("PGPASSWORD") {
            config.password(p);
        } else if let Some(p) = pgpass_lookup(passfile, &host, port, &dbname, &user)? {
            config.password(p);
        }
    }
    let mode = match sslmode.or_else(|| var("PGSSLMODE")) {
        Some(m) => Tls::parse(&m)?,
        None => Tls::Prefer,
    };
    let all_unix = config
        .get_hosts()
        .iter()
        .all(|h| matches!(h, Host::Unix(_)));
    // libpq uses no TLS on Unix sockets, whatever sslmode says.
    let tls = if mode == Tls::Disable || all_unix {
        config.ssl_mode(SslMode::Disable);
        None
    } else {
        config.ssl_mode(match mode {
            Tls::Allow | Tls::Prefer => SslMode::Prefer,
            _ => SslMode::Require,
        });
        Some(Arc::new(tls_config(
            mode,
            rootcert.or_else(|| var("PGSSLROOTCERT")),
        )?))
    };
    let shown = shown(&config, port, &dbname, &user);
    Ok(Location::Postgres(Box::new(PgTarget {
        config,
        tls,
        shown,
    })))
}

/// The first host as libpq names it in the password file: a Unix socket is `localhost`.
fn first_host(config: &postgres::Config) -> String {
    match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        Some(Host::Unix(_)) | None => "localhost".into(),
    }
}

/// `postgresql://user@host:port/dbname`, every host listed (socket folders escaped), no
/// password and no options: the vault's name in messages and in this machine's records.
fn shown(config: &postgres::Config, port: u16, dbname: &str, user: &str) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let p = config.get_ports().get(i).copied().unwrap_or(port);
            match h {
                Host::Tcp(h) if h.contains(':') => format!("[{h}]:{p}"),
                Host::Tcp(h) => format!("{h}:{p}"),
                Host::Unix(dir) => format!(
                    "{}:{p}",
                    dir.display()
                        .to_string()
                        .replace('%', "%25")
                        .replace('/', "%2F")
                ),
            }
        })
        .collect();
    format!("postgresql://{user}@{}/{dbname}", hosts.join(","))
}

fn home() -> Option<PathBuf> {
    var("HOME").map(PathBuf::from)
}

/// The password for (host, port, database, user) from the password file, as libpq reads it:
/// `host:port:database:user:password` lines, `*` matches anything, `\` escapes `:` and `\`;
/// the first matching line wins; a file readable by group or others is ignored with a warning.
fn pgpass_lookup(
    param: Option<String>,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> Result<Option<String>> {
    use std::os::unix::fs::PermissionsExt;
    let path = match param.or_else(|| var("PGPASSFILE")) {
        Some(p) => PathBuf::from(p),
        None => match home() {
            Some(h) => h.join(".pgpass"),
            None => return Ok(None),
        },
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return Ok(None);
    };
    if !meta.is_file() {
        return Ok(None);
    }
    if meta.permissions().mode() & 0o077 != 0 {
        crate::ui::to_stderr(&format!(
            "warning: password file {} has group or world access; it is ignored (chmod 0600 it)\n",
            path.display()
        ));
        return Ok(None);
    }
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(&path).map_err(|e| Error::io(path.display(), e))?,
    );
    let port = port.to_string();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Every line's password field is in here: wiped like the file's text.
        let fields = zeroize::Zeroizing::new(split_pgpass(line));
        if fields.len() < 5 {
            continue;
        }
        let matches = |f: &str, v: &str| f == "*" || f == v;
        if matches(&fields[0], host)
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user)
        {
            return Ok(Some(fields[4..].join(":")));
        }
    }
    Ok(None)
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    fields.last_mut().expect("one field").push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// rustls for `mode`: `require` (and `prefer`) encrypts without checking the server unless a
/// root certificate file exists (then, as in libpq, it is `verify-ca`); `verify-ca` checks the
/// chain; `verify-full` the chain and the host name. Roots: `sslrootcert`/`PGSSLROOTCERT`, else
/// `~/.postgresql/root.crt`; `system` means the system's roots.
fn tls_config(mode: Tls, rootcert: Option<String>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::general(format!("TLS: {e}")))?;
    let default_root = home().map(|h| h.join(".postgresql/root.crt"));
    let root_file = match rootcert.as_deref() {
        Some("system") => None,
        Some(p) => Some(PathBuf::from(p)),
        None => default_root.filter(|p| p.exists()),
    };
    let mode = match (mode, &root_file) {
        (Tls::Require, Some(_)) => Tls::VerifyCa,
        (m, _) => m,
    };
    if matches!(mode, Tls::Allow | Tls::Prefer | Tls::Require) {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verify::Unchecked(provider)))
            .with_no_client_auth());
    }
    if root_file.is_none() && rootcert.as_deref() != Some("system") {
        return Err(Error::general(format!(
            "sslmode {} needs the server's root certificate, and ~/.postgresql/root.crt does not exist",
            if mode == Tls::VerifyCa { "verify-ca" } else { "verify-full" }
        ))
        .with_hint("set sslrootcert (in the URL) or PGSSLROOTCERT to the CA's certificate (PEM), or sslrootcert=system for the system's roots"));
    }
    let mut roots = rustls::RootCertStore::empty();
    match &root_file {
        Some(path) => {
            use rustls::pki_types::{CertificateDer, pem::PemObject};
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| {
                    Error::general(format!(
                        "cannot read the root certificate file {}: {e}",
                        path.display()
                    ))
                    .with_hint("set sslrootcert or PGSSLROOTCERT to the server's CA certificate (PEM), or sslrootcert=system")
                })?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| Error::general(format!("{}: {e}", path.display())))?;
            roots.add_parsable_certificates(certs);
        }
        None => {
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        }
    }
    if roots.is_empty() {
        return Err(Error::general(
            "no root certificate was found for sslmode verify-ca or verify-full",
        )
        .with_hint("set sslrootcert or PGSSLROOTCERT, or put the CA in ~/.postgresql/root.crt"));
    }
    let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(|e| Error::general(format!("TLS: {e}")))?;
    if mode == Tls::VerifyCa {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verify::ChainOnly(webpki)))
            .with_no_client_auth());
    }
    Ok(builder.with_webpki_verifier(webpki).with_no_client_auth())
}

/// The two verifiers libpq has and rustls does not: none (`require`), and the chain without
/// the host name (`verify-ca`). Both check the handshake's signatures.
mod verify {
    use std::sync::Arc;

    use rustls::client::WebPkiServerVerifier;
    use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
    use rustls::crypto::CryptoProvider;
    use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
    use rustls::{CertificateError, DigitallySignedStruct, Error, SignatureScheme};

    #[derive(Debug)]
    pub struct Unchecked(pub Arc<CryptoProvider>);

    impl ServerCertVerifier for Unchecked {
        fn verify_server_cert(
            &self,
            _: &CertificateDer<'_>,
            _: &[CertificateDer<'_>],
            _: &ServerName<'_>,
            _: &[u8],
            _: UnixTime,
        ) -> Result<ServerCertVerified, Error> {
            Ok(ServerCertVerified::assertion())
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, Error> {
            rustls::crypto::verify_tls12_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, Error> {
            rustls::crypto::verify_tls13_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.0.signature_verification_algorithms.supported_schemes()
        }
    }

    #[derive(Debug)]
    pub struct ChainOnly(pub Arc<WebPkiServerVerifier>);

    impl ServerCertVerifier for ChainOnly {
        fn verify_server_cert(
            &self,
            end_entity: &CertificateDer<'_>,
            intermediates: &[CertificateDer<'_>],
            name: &ServerName<'_>,
            ocsp: &[u8],
            now: UnixTime,
        ) -> Result<ServerCertVerified, Error> {
            match self
                .0
                .verify_server_cert(end_entity, intermediates, name, ocsp, now)
            {
                Err(Error::InvalidCertificate(
                    CertificateError::NotValidForName
                    | CertificateError::NotValidForNameContext { .. },
                )) => Ok(ServerCertVerified::assertion()),
                r => r,
            }
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, Error> {
            self.0.verify_tls12_signature(message, cert, dss)
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, Error> {
            self.0.verify_tls13_signature(message, cert, dss)
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.0.supported_verify_schemes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_split_with_escapes() {
        assert_eq!(
            split_pgpass(r"db.example:5432:*:alice:pa\:ss\\word:x"),
            vec!["db.example", "5432", "*", "alice", r"pa:ss\word:x"]
        );
    }

    #[test]
    fn the_name_has_no_password_and_no_options() {
        let Location::Postgres(t) = resolve(
            "postgresql://alice:hunter-two@db.example:6543/team?sslmode=disable&connect_timeout=5",
        )
        .unwrap() else {
            panic!("a URL")
        };
        assert_eq!(t.shown, "postgresql://alice@db.example:6543/team");
        assert!(t.tls.is_none());
        assert_eq!(t.config.get_password(), Some(&b"hunter-two"[..]));
    }

    #[test]
    fn an_unescaped_at_in_the_password_is_refused_not_shown() {
        // Also with a `/` in the password before the second `@`, and with two hosts.
        for url in [
            "postgresql://alice:pa@ss-tail@db.example/team",
            "postgresql://alice:p/a@ss-tail@db.example/team",
            "postgresql://alice:pa@ss-tail@db.example,db2.example/team",
        ] {
            let Err(e) = resolve(url) else {
                panic!("accepted: {url}");
            };
            assert!(!e.message.contains("ss-tail"), "{}", e.message);
        }
        let Location::Postgres(t) =
            resolve("postgresql://alice:pa%40ss-tail@db.example/team").unwrap()
        else {
            panic!("a URL")
        };
        assert_eq!(t.shown, "postgresql://alice@db.example:5432/team");
        assert_eq!(t.config.get_password(), Some(&b"pa@ss-tail"[..]));
    }

    #[test]
    fn a_socket_folder_is_a_host_and_gets_no_tls() {
        let Location::Postgres(t) =
            resolve("postgresql://bob@/vault?host=%2Ftmp%2Fpg&sslmode=verify-full").unwrap()
        else {
            panic!("a URL")
        };
        assert_eq!(t.shown, "postgresql://bob@%2Ftmp%2Fpg:5432/vault");
        assert!(t.tls.is_none());
    }

    #[test]
    fn an_unknown_sslmode_is_a_usage_error() {
        let e = resolve("postgresql://a@h/d?sslmode=sometimes").unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Usage);
    }
}
