//! BLAKE2b and BLAKE2s (RFC 7693) with the full parameter block (digest size, key, salt,
//! personalisation, and the tree parameters fanout, depth, leaf size, node offset, node depth,
//! inner size, last node). Written here because the RustCrypto `blake2` crate exposes only
//! salt, personalisation, key and output size, and `_blake2` must accept the tree parameters.

/// The parameters of a BLAKE2 instance.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pub digest_size: usize,
    pub key: Vec<u8>,
    pub salt: Vec<u8>,
    pub person: Vec<u8>,
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

const IV_B: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const IV_S: [u32; 8] = [
    0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
];

const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// BLAKE2b (`wide`) or BLAKE2s state.
#[derive(Clone)]
pub struct Blake2 {
    wide: bool,
    h: [u64; 8],
    /// Byte counter (128-bit for b, 64-bit for s).
    t: u128,
    buf: Vec<u8>,
    digest_size: usize,
    last_node: bool,
}

impl Blake2 {
    pub fn block_size(wide: bool) -> usize {
        if wide { 128 } else { 64 }
    }

    pub fn new(wide: bool, p: &Params) -> Blake2 {
        let mut block = if wide { vec![0u8; 64] } else { vec![0u8; 32] };
        block[0] = p.digest_size as u8;
        block[1] = p.key.len() as u8;
        block[2] = p.fanout;
        block[3] = p.depth;
        block[4..8].copy_from_slice(&p.leaf_size.to_le_bytes());
        let off = p.node_offset.to_le_bytes();
        if wide {
            block[8..16].copy_from_slice(&off);
            block[16] = p.node_depth;
            block[17] = p.inner_size;
            block[32..32 + p.salt.len()].copy_from_slice(&p.salt);
            block[48..48 + p.person.len()].copy_from_slice(&p.person);
        } else {
            block[8..14].copy_from_slice(&off[..6]);
            block[14] = p.node_depth;
            block[15] = p.inner_size;
            block[16..16 + p.salt.len()].copy_from_slice(&p.salt);
            block[24..24 + p.person.len()].copy_from_slice(&p.person);
        }
        let mut h = [0u64; 8];
        for (i, hw) in h.iter_mut().enumerate() {
            if wide {
                let w = u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]));
                *hw = IV_B[i] ^ w;
            } else {
                let w = u32::from_le_bytes(block[i * 4..i * 4 + 4].try_into().unwrap_or([0; 4]));
                *hw = (IV_S[i] ^ w) as u64;
            }
        }
        let mut s = Blake2 {
            wide,
            h,
            t: 0,
            buf: Vec::new(),
            digest_size: p.digest_size,
            last_node: p.last_node,
        };
        if !p.key.is_empty() {
            let mut k = p.key.clone();
            k.resize(Blake2::block_size(wide), 0);
            s.update(&k);
        }
        s
    }

    pub fn update(&mut self, mut data: &[u8]) {
        let bs = Blake2::block_size(self.wide);
        while !data.is_empty() {
            // Keep the last block buffered: it must be compressed with the final flag.
            if self.buf.len() == bs {
                self.t += bs as u128;
                let block = std::mem::take(&mut self.buf);
                self.compress(&block, false);
            }
            let take = (bs - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
    }

    pub fn finalize(&self) -> Vec<u8> {
        let mut s = self.clone();
        let bs = Blake2::block_size(s.wide);
        s.t += s.buf.len() as u128;
        let mut block = std::mem::take(&mut s.buf);
        block.resize(bs, 0);
        s.compress(&block, true);
        let mut out = Vec::with_capacity(64);
        for w in s.h {
            if s.wide {
                out.extend_from_slice(&w.to_le_bytes());
            } else {
                out.extend_from_slice(&(w as u32).to_le_bytes());
            }
        }
        out.truncate(s.digest_size);
        out
    }

    fn compress(&mut self, block: &[u8], last: bool) {
        if self.wide {
            self.compress_b(block, last)
        } else {
            self.compress_s(block, last)
        }
    }

    fn compress_b(&mut self, block: &[u8], last: bool) {
        let mut m = [0u64; 16];
        for (i, w) in m.iter_mut().enumerate() {
            *w = u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap_or([0; 8]));
        }
        let mut v = [0u64; 16];
        v[..8].copy_from_slice(&self.h);
        v[8..].copy_from_slice(&IV_B);
        v[12] ^= self.t as u64;
        v[13] ^= (self.t >> 64) as u64;
        if last {
            v[14] = !v[14];
            if self.last_node {
                v[15] = !v[15];
            }
        }
        fn g(v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize, x: u64, y: u64) {
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
            v[d] = (v[d] ^ v[a]).rotate_right(32);
            v[c] = v[c].wrapping_add(v[d]);
            v[b] = (v[b] ^ v[c]).rotate_right(24);
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
            v[d] = (v[d] ^ v[a]).rotate_right(16);
            v[c] = v[c].wrapping_add(v[d]);
            v[b] = (v[b] ^ v[c]).rotate_right(63);
        }
        for r in 0..12 {
            let s = &SIGMA[r % 10];
            g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            self.h[i] ^= v[i] ^ v[i + 8];
        }
    }

    fn compress_s(&mut self, block: &[u8], last: bool) {
        let mut m = [0u32; 16];
        for (i, w) in m.iter_mut().enumerate() {
            *w = u32::from_le_bytes(block[i * 4..i * 4 + 4].try_into().unwrap_or([0; 4]));
        }
        let mut v = [0u32; 16];
        for i in 0..8 {
            v[i] = self.h[i] as u32;
            v[i + 8] = IV_S[i];
        }
        v[12] ^= self.t as u32;
        v[13] ^= (self.t >> 32) as u32;
        if last {
            v[14] = !v[14];
            if self.last_node {
                v[15] = !v[15];
            }
        }
        fn g(v: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize, x: u32, y: u32) {
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
            v[d] = (v[d] ^ v[a]).rotate_right(16);
            v[c] = v[c].wrapping_add(v[d]);
            v[b] = (v[b] ^ v[c]).rotate_right(12);
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
            v[d] = (v[d] ^ v[a]).rotate_right(8);
            v[c] = v[c].wrapping_add(v[d]);
            v[b] = (v[b] ^ v[c]).rotate_right(7);
        }
        for s in SIGMA.iter() {
            g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            self.h[i] = (self.h[i] as u32 ^ v[i] ^ v[i + 8]) as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn rfc7693_vectors() {
        let p = Params {
            digest_size: 64,
            fanout: 1,
            depth: 1,
            ..Default::default()
        };
        let mut b = Blake2::new(true, &p);
        b.update(b"abc");
        assert!(hex(&b.finalize()).starts_with("ba80a53f981c4d0d6a2797b69f12f6e9"));
        let p = Params {
            digest_size: 32,
            fanout: 1,
            depth: 1,
            ..Default::default()
        };
        let mut s = Blake2::new(false, &p);
        s.update(b"abc");
        assert_eq!(
            hex(&s.finalize()),
            "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"
        );
    }
}
