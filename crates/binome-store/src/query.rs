//! Reading every row of a query into values: the prepare, map and collect
//! every reader would otherwise write again, each step's error saying what
//! the store was doing.

use crate::error::Doing;
use crate::open::Store;
use rusqlite::{Params, Row};

impl Store {
    /// Every row `sql` answers for `params`, each read by `read` (a tuple
    /// reads a row by position: `let (a, b) = row.try_into()?`).
    pub(crate) fn all<T>(
        &self,
        sql: &str,
        params: impl Params,
        doing: &'static str,
        read: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> crate::Result<Vec<T>> {
        let mut statement = self.conn.prepare_cached(sql).doing(doing)?;
        let rows = statement.query_map(params, read).doing(doing)?;
        rows.collect::<Result<_, _>>().doing(doing)
    }
}
