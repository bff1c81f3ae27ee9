//! An `.xls` workbook's BIFF records, one after the other, as they stand in
//! its `Workbook` stream: what [`super::xls_bounds`] bounds before calamine
//! reads the file, and where its percentages stand, which calamine reads as
//! bare fractions ([`super::xls_percentages`]).

use super::{MAX_UNZIPPED_BYTES, ReadError};
use std::io::{BufReader, Read};
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

/// Calls `visit` with each record until the stream ends or `visit` breaks.
/// A file without a workbook stream has no records here: calamine refuses it.
pub fn walk_records(
    path: &Path,
    mut visit: impl FnMut(&Record) -> Result<ControlFlow<()>, ReadError>,
) -> Result<(), ReadError> {
    let unreadable = |detail: String| ReadError::Workbook { detail };
    let mut file = cfb::open(path).map_err(|e| unreadable(e.to_string()))?;
    // BIFF8 names its stream "Workbook", BIFF5 "Book"; calamine refuses others.
    let Some(name) = ["/Workbook", "/Book"].into_iter().find(|n| file.is_stream(n)) else { return Ok(()) };
    let bytes = file.entry(name).map_err(|e| unreadable(e.to_string()))?.len();
    if bytes > MAX_UNZIPPED_BYTES {
        return Err(ReadError::InflatesTooMuch { bytes, max: MAX_UNZIPPED_BYTES });
    }
    let mut stream = BufReader::new(file.open_stream(name).map_err(|e| unreadable(e.to_string()))?);
    let (mut header, mut data) = ([0u8; 4], Vec::with_capacity(1 << 13));
    let mut offset = 0u64;
    loop {
        match stream.read_exact(&mut header) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(unreadable(e.to_string())),
        }
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
        data.resize(length, 0);
        stream.read_exact(&mut data).map_err(|e| unreadable(e.to_string()))?;
        if visit(&Record { kind, offset, data: &data })?.is_break() {
            return Ok(());
        }
        offset += 4 + length as u64;
    }
}
