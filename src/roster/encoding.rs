//! GBK / GB18030 text read as UTF-8 (the command line; the page decodes with the browser's
//! `TextDecoder`). A CSV saved by Excel as plain "CSV" on a Chinese Windows is GBK; GB18030 is
//! its superset, so one decoder (encoding_rs, the Encoding Standard's) reads both.

use std::io::{self, Read};

/// Whether `head` (the first bytes of a file) is UTF-8, with or without a byte-order mark: valid
/// throughout, but for a character cut at its end.
pub fn is_utf8(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// A reader that decodes GB18030 (and so GBK) from `inner` into UTF-8. A byte sequence that is
/// not GB18030 becomes U+FFFD, as a browser shows it.
pub struct Gb18030<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// The undecoded part of `input`.
    at: usize,
    filled: usize,
    output: Vec<u8>,
    out_at: usize,
    out_len: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> Gb18030<R> {
    pub fn new(inner: R) -> Gb18030<R> {
        Gb18030 {
            inner,
            decoder: encoding_rs::GB18030.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            at: 0,
            filled: 0,
            // A GB18030 byte gives at most 3 UTF-8 bytes (a 2-byte or 4-byte sequence at most 4).
            output: vec![0; 3 * 64 * 1024 + 16],
            out_at: 0,
            out_len: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for Gb18030<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_at < self.out_len {
                let n = buf.len().min(self.out_len - self.out_at);
                buf[..n].copy_from_slice(&self.output[self.out_at..self.out_at + n]);
                self.out_at += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.at == self.filled && !self.eof {
                self.at = 0;
                self.filled = loop {
                    match self.inner.read(&mut self.input) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                self.eof = self.filled == 0;
            }
            let (_, read, written, _) = self.decoder.decode_to_utf8(&self.input[self.at..self.filled], &mut self.output, self.eof);
            self.at += read;
            self.out_at = 0;
            self.out_len = written;
            if self.eof && self.at == self.filled {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_read_as_utf8_in_any_piece() {
        let text = "户编号,姓名\r\nH1,张三\r\n".repeat(5000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        assert!(!is_utf8(&gbk[..100]));
        assert!(is_utf8(&text.as_bytes()[..5]), "a character cut at the end is still UTF-8");
        assert!(is_utf8("\u{feff}户".as_bytes()));
        // One byte at a time from the inner reader: characters cut between reads.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = String::new();
        Gb18030::new(Slow(&gbk)).read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        let mut out = String::new();
        Gb18030::new(&gbk[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }
}
