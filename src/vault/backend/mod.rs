//! The one storage interface under `store`: a vault's rows live in an SQLite file or in a
//! PostgreSQL database, and `store` writes its SQL once, in one parameter style (`?1`), with
//! rows read column by column as integers, blobs or text. What only one backend has (SQLite's
//! pragmas, WAL and file header; PostgreSQL's catalog check, advisory lock and retries) stays
//! in `sqlite` and `postgres`. No cryptography happens here either.

pub mod postgres;
pub mod sqlite;

use crate::error::{Error, Result};

/// A statement parameter, borrowed from the row being written.
#[derive(Clone, Copy, Debug)]
pub enum Param<'a> {
    /// NULL, of the type of `Int`, `Blob` or `Text` (PostgreSQL is told which).
    Null(NullOf),
    Int(i64),
    Blob(&'a [u8]),
    Text(&'a str),
}

/// The type of a NULL parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NullOf {
    Int,
    Blob,
    Text,
}

/// A value that can be bound as a statement parameter.
pub trait ToParam {
    fn param(&self) -> Param<'_>;
    /// What `None` of this type binds as.
    fn null() -> Param<'static>;
}

impl ToParam for i64 {
    fn param(&self) -> Param<'_> {
        Param::Int(*self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Int)
    }
}

impl ToParam for [u8] {
    fn param(&self) -> Param<'_> {
        Param::Blob(self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Blob)
    }
}

impl<const N: usize> ToParam for [u8; N] {
    fn param(&self) -> Param<'_> {
        Param::Blob(self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Blob)
    }
}

impl ToParam for Vec<u8> {
    fn param(&self) -> Param<'_> {
        Param::Blob(self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Blob)
    }
}

impl ToParam for str {
    fn param(&self) -> Param<'_> {
        Param::Text(self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Text)
    }
}

impl ToParam for String {
    fn param(&self) -> Param<'_> {
        Param::Text(self)
    }
    fn null() -> Param<'static> {
        Param::Null(NullOf::Text)
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn param(&self) -> Param<'_> {
        match self {
            Some(v) => v.param(),
            None => T::null(),
        }
    }
    fn null() -> Param<'static> {
        T::null()
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn param(&self) -> Param<'_> {
        (**self).param()
    }
    fn null() -> Param<'static> {
        T::null()
    }
}

/// `params![a, b, …]`: the parameters `?1`, `?2`, … of a statement.
macro_rules! params {
    () => { &[] as &[$crate::vault::backend::Param<'_>] };
    ($($p:expr),+ $(,)?) => {
        &[$($crate::vault::backend::ToParam::param(&$p)),+] as &[$crate::vault::backend::Param<'_>]
    };
}
pub(crate) use params;

/// One result row, as the backend hands it over (nothing is copied for SQLite).
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a ::postgres::Row),
}

impl Row<'_> {
    /// Column `i`, as `T`; a column of another type is a damaged row (exit 4).
    pub fn get<T: Column>(&self, i: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => T::sqlite(r, i),
            Row::Postgres(r) => T::postgres(r, i),
        }
    }

    /// Column `i`, a blob, borrowed from the row (no copy) for `f`.
    pub fn with_bytes<T>(&self, i: usize, f: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
        match self {
            Row::Sqlite(r) => {
                let bytes = r.get_ref(i)?.as_blob().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Blob,
                        Box::new(e),
                    )
                })?;
                f(bytes)
            }
            Row::Postgres(r) => f(r.try_get::<_, &[u8]>(i).map_err(postgres::column_error)?),
        }
    }

    /// Whether column `i` is NULL.
    pub fn is_null(&self, i: usize) -> Result<bool> {
        match self {
            Row::Sqlite(r) => Ok(matches!(r.get_ref(i)?, rusqlite::types::ValueRef::Null)),
            Row::Postgres(r) => Ok(r
                .try_get::<_, Option<postgres::AnyValue>>(i)
                .map_err(postgres::column_error)?
                .is_none()),
        }
    }
}

/// A Rust type a column is read as.
pub trait Column: Sized {
    fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self>;
    fn postgres(r: &::postgres::Row, i: usize) -> Result<Self>;
}

macro_rules! column {
    ($($t:ty),*) => {$(
        impl Column for $t {
            fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> Result<Self> {
                Ok(r.get(i)?)
            }
            fn postgres(r: &::postgres::Row, i: usize) -> Result<Self> {
                r.try_get(i).map_err(postgres::column_error)
            }
        }
    )*};
}
column!(
    i64,
    Option<i64>,
    Vec<u8>,
    Option<Vec<u8>>,
    String,
    Option<String>
);

/// An open connection to a vault's storage, of either kind.
pub enum Db {
    Sqlite(sqlite::Sqlite),
    Postgres(Box<postgres::Pg>),
}

impl Db {
    /// Runs one statement; returns the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        match self {
            Db::Sqlite(d) => d.execute(sql, params),
            Db::Postgres(d) => d.execute(sql, params),
        }
    }

    /// Runs a query and hands each row to `each`, in order.
    pub fn query_each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        match self {
            Db::Sqlite(d) => d.query_each(sql, params, each),
            Db::Postgres(d) => d.query_each(sql, params, each),
        }
    }

    /// Every row of a query, mapped.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query_each(sql, params, &mut |r| {
            out.push(f(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, mapped, if there is one.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.query_each(sql, params, &mut |r| {
            if out.is_none() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Starts the command's transaction (see each backend for what `write` takes).
    pub fn begin(&self, write: bool) -> Result<()> {
        match self {
            Db::Sqlite(d) => d.begin(write),
            Db::Postgres(d) => d.begin(write),
        }
    }

    pub fn commit(&self) -> Result<()> {
        match self {
            Db::Sqlite(d) => d.batch("COMMIT"),
            Db::Postgres(d) => d.batch("COMMIT"),
        }
    }

    /// Whether this is the embedded SQLite file.
    pub fn is_sqlite(&self) -> bool {
        matches!(self, Db::Sqlite(_))
    }

    /// The SQLite connection, for what only SQLite has (pragmas, WAL); `None` on PostgreSQL.
    pub fn sqlite(&self) -> Option<&sqlite::Sqlite> {
        match self {
            Db::Sqlite(d) => Some(d),
            Db::Postgres(_) => None,
        }
    }
}

/// A blob column of a fixed length; any other length is a damaged row.
pub fn fixed<const N: usize>(v: Vec<u8>) -> Result<[u8; N]> {
    fixed_from(&v)
}

/// `fixed` of borrowed bytes (see `Row::with_bytes`).
pub fn fixed_from<const N: usize>(v: &[u8]) -> Result<[u8; N]> {
    v.try_into().map_err(|_| {
        Error::integrity(format!(
            "the vault's storage holds a damaged row (expected {N} bytes, found {})",
            v.len()
        ))
        .with_hint("restore the vault from a backup")
    })
}
