//! [`reverse`]: `slice::reverse` indexes with bounds checks the optimizer keeps at
//! `opt-level = "z"`, whose panic message formats the index and links `core::fmt`. (The core
//! sorts nothing: the shim orders a transaction's spans. `slice::sort_by` would link about
//! 7 KB of Wasm per element type.) [`remove_at`]: `Vec::remove` without its index assertion,
//! whose message and one source location per call site stay in the Wasm.

use alloc::vec::Vec;

/// Reverses `v` in place. Never panics.
pub(crate) fn reverse<T>(mut v: &mut [T]) {
    while let Some((first, rest)) = v.split_first_mut() {
        let Some((last, middle)) = rest.split_last_mut() else {
            break;
        };
        core::mem::swap(first, last);
        v = middle;
    }
}

/// Removes and returns `v[i]`, shifting the later elements down as `Vec::remove` does; `None`
/// (and `v` unchanged) when `i` is past the end. Never panics.
pub(crate) fn remove_at<T>(v: &mut Vec<T>, i: usize) -> Option<T> {
    let len = v.len();
    let after = len.checked_sub(i)?.checked_sub(1)?;
    // SAFETY: `i < len`, so `p` points at an initialized element, read out exactly once: the
    // `after` elements behind it are moved over it (`copy` allows the overlap) and the length
    // shrinks by one, so the moved-out slot at the end is never read or dropped again.
    unsafe {
        let p = v.as_mut_ptr().add(i);
        let item = core::ptr::read(p);
        core::ptr::copy(p.add(1), p, after);
        v.set_len(len - 1);
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::{remove_at, reverse};
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    #[test]
    fn removes_like_vec_remove_and_never_past_the_end() {
        for n in 0..5 {
            for i in 0..n + 2 {
                let mut ours: Vec<String> = (0..n).map(|k| k.to_string()).collect();
                let mut core = ours.clone();
                let got = remove_at(&mut ours, i);
                let want = (i < core.len()).then(|| core.remove(i));
                assert_eq!(got, want, "n {n} i {i}");
                assert_eq!(ours, core, "n {n} i {i}");
            }
        }
    }

    #[test]
    fn reverses_odd_even_and_empty() {
        for n in 0..6 {
            let mut v: Vec<u32> = (0..n).collect();
            reverse(&mut v);
            assert_eq!(v, (0..n).rev().collect::<Vec<_>>());
        }
    }
}
