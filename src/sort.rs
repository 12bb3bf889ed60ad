//! A stable insertion sort for the few short lists the core orders (spans of one transaction,
//! interaction durations). `slice::sort_by` is faster on long inputs but links about 7 KB of
//! Wasm per element type (driftsort, quicksort, small-sort networks) and panic paths; these
//! lists are short and arrive nearly sorted, where insertion sort is linear anyway.
//!
//! And [`reverse`]: `slice::reverse` indexes with bounds checks the optimizer keeps at
//! `opt-level = "z"`, whose panic message formats the index and links `core::fmt`.

/// Sorts `v` in place so that no element is `before` the one preceding it; equal elements
/// keep their order. Never panics.
pub(crate) fn sort_by<T>(v: &mut [T], mut before: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            match v.get_mut(j - 1..=j) {
                Some([a, b]) if before(b, a) => core::mem::swap(a, b),
                _ => break,
            }
            j -= 1;
        }
    }
}

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
    use super::{reverse, sort_by};
    use alloc::vec::Vec;

    #[test]
    fn sorts_and_keeps_equal_elements_in_order() {
        let mut v = [(3, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut v, |x, y| x.0 < y.0);
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'c'), (3, 'a')]);
        let mut empty: [u8; 0] = [];
        sort_by(&mut empty, |x, y| x < y);
        let mut desc = [1.5, 0.0, 9.0, -2.0, 9.0];
        sort_by(&mut desc, |x, y| x > y);
        assert_eq!(desc, [9.0, 9.0, 1.5, 0.0, -2.0]);
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
