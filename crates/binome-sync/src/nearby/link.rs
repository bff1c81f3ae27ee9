//! The TCP connection under a nearby sync, and how long the other laptop
//! is waited for.
//!
//! Until both laptops have said who they are and whether they sync with
//! each other (the greeting), the connection has one deadline as a whole:
//! a timeout on each read alone would let anyone on the network who sends
//! a byte now and then hold the connection, and the laptop listening,
//! for ever. Once greeted, each read and write waits at most [`SILENCE`]:
//! the other side sends progress during a long import.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How long the greeting may take: a few messages of a few hundred bytes,
/// under a second on a slow Wi-Fi.
pub const GREETING: Duration = Duration::from_secs(15);
/// How long a greeted peer may stay silent: longer than a programme's
/// import on the other side, which sends progress meanwhile.
pub const SILENCE: Duration = Duration::from_secs(120);

/// What a nearby sync runs over: TCP, or a wrapper around it (the tests'
/// connections that break part way).
pub trait Connection: Read + Write + Send {
    fn set_read_timeout(&self, wait: Option<Duration>) -> io::Result<()>;
    fn set_write_timeout(&self, wait: Option<Duration>) -> io::Result<()>;
}

impl Connection for TcpStream {
    fn set_read_timeout(&self, wait: Option<Duration>) -> io::Result<()> {
        TcpStream::set_read_timeout(self, wait)
    }

    fn set_write_timeout(&self, wait: Option<Duration>) -> io::Result<()> {
        TcpStream::set_write_timeout(self, wait)
    }
}

pub struct Link {
    stream: Box<dyn Connection>,
    /// Until the greeting is over.
    deadline: Option<Instant>,
}

impl Link {
    /// A connection in blocking mode whose greeting must be over within
    /// `greeting`.
    pub fn new(stream: impl Connection + 'static, greeting: Duration) -> Link {
        Link { stream: Box::new(stream), deadline: Some(Instant::now() + greeting) }
    }

    /// The greeting is over: from now on only silence ends the connection.
    pub(crate) fn greeted(&mut self) -> io::Result<()> {
        self.deadline = None;
        self.stream.set_read_timeout(Some(SILENCE))?;
        self.stream.set_write_timeout(Some(SILENCE))
    }

    /// What is left of the greeting's time, as the next read's or write's
    /// timeout; an error once it is spent.
    fn time_left(&self) -> io::Result<Option<Duration>> {
        let Some(deadline) = self.deadline else { return Ok(None) };
        match deadline.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => Ok(Some(left)),
            _ => Err(io::Error::new(io::ErrorKind::TimedOut, "the greeting took too long")),
        }
    }
}

impl Read for Link {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(left) = self.time_left()? {
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buf)
    }
}

impl Write for Link {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(left) = self.time_left()? {
            self.stream.set_write_timeout(Some(left))?;
        }
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}
