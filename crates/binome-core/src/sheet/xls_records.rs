//! An `.xls` workbook's BIFF records, one after the other, as they stand in
//! its `Workbook` stream (read whole, as calamine reads it, so that a walk
//! may start where a sheet's BOUNDSHEET record says it does): what [`super::xls_bounds`] bounds before calamine
//! reads the file, and where its percentages stand, which calamine reads as
//! bare fractions ([`super::xls_layout`]).

use super::{MAX_UNZIPPED_BYTES, ReadError};
use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

pub const BOF: u16 = 0x0809;
pub const EOF: u16 = 0x000A;

/// One record: its type, where it starts in the stream, its bytes.
pub struct Record<'a> {
    pub kind: u16,
    pub offset: u64,
    pub data: &'a [u8],
}

pub fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

pub fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The workbook's `Workbook` stream, whole, as calamine reads it; `None`
/// for a file without one (calamine refuses it).
pub fn workbook_stream(path: &Path) -> Result<Option<Vec<u8>>, ReadError> {
    let unreadable = |detail: String| ReadError::Workbook { detail };
    let mut file = cfb::open(path).map_err(|e| unreadable(e.to_string()))?;
    // BIFF8 names its stream "Workbook", BIFF5 "Book"; calamine refuses others.
    let Some(name) = ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n)) else { return Ok(None) };
    let bytes = file.entry(name).map_err(|e| unreadable(e.to_string()))?.len();
    if bytes > MAX_UNZIPPED_BYTES {
        return Err(ReadError::InflatesTooMuch { bytes, max: MAX_UNZIPPED_BYTES });
    }
    let mut stream = Vec::with_capacity(bytes as usize);
    let read = file.open_stream(name).map_err(|e| unreadable(e.to_string()))?.read_to_end(&mut stream);
    // A stream the container cannot give whole is refused: calamine reads
    // the container its own way, and what it would read past the break is
    // what no bound here has seen (a fuzzed file's four billion rows).
    read.map_err(|e| unreadable(format!("the workbook stream is cut short ({e})")))?;
    Ok(Some(stream))
}

/// Calls `visit` with each record from `start` until the stream ends (or
/// a record runs past it, which calamine refuses) or `visit` breaks.
pub fn walk_records_from(
    stream: &[u8],
    start: usize,
    mut visit: impl FnMut(&Record) -> Result<ControlFlow<()>, ReadError>,
) -> Result<(), ReadError> {
    let mut offset = start;
    while let Some(header) = stream.get(offset..offset + 4) {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let Some(data) = stream.get(offset + 4..offset + 4 + length) else { return Ok(()) };
        if visit(&Record { kind, offset: offset as u64, data })?.is_break() {
            return Ok(());
        }
        offset += 4 + length;
    }
    Ok(())
}

/// Calls `visit` with each record of the workbook stream, from its start.
pub fn walk_records(
    path: &Path,
    visit: impl FnMut(&Record) -> Result<ControlFlow<()>, ReadError>,
) -> Result<(), ReadError> {
    match workbook_stream(path)? {
        Some(stream) => walk_records_from(&stream, 0, visit),
        None => Ok(()),
    }
}
