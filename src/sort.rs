//! [`reverse`]: `slice::reverse` indexes with bounds checks the optimizer keeps at
//! `opt-level = "z"`, whose panic message formats the index and links `core::fmt`. (The core
//! sorts nothing: the shim orders a transaction's spans. `slice::sort_by` would link about
//! 7 KB of Wasm per element type.)

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

#[cfg(test)]
mod tests {
    use super::reverse;
    use alloc::vec::Vec;

    #[test]
    fn reverses_odd_even_and_empty() {
        for n in 0..6 {
            let mut v: Vec<u32> = (0..n).collect();
            reverse(&mut v);
            assert_eq!(v, (0..n).rev().collect::<Vec<_>>());
        }
    }
}
