//! An insertion-ordered string-keyed map, serialized as a JSON object.
//!
//! Events carry a handful of tags and contexts; a `Vec` of pairs is smaller in Wasm than a
//! `BTreeMap` or `HashMap` and keeps the order the app set them in.

use super::json::{WriteJson, Writer};
use alloc::string::String;
use alloc::vec::Vec;

/// Ordered pairs; setting an existing key replaces its value in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: &str, value: V) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.into(), value)),
        }
    }

    /// Removes `key` if present.
    pub fn remove(&mut self, key: &str) {
        // Keys are unique (`insert` replaces), so there is at most one.
        if let Some(i) = self.0.iter().position(|(k, _)| k == key) {
            crate::sort::remove_at(&mut self.0, i);
        }
    }

    /// Keeps only the pairs for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &V) -> bool) {
        let mut i = 0;
        while let Some((k, v)) = self.0.get(i) {
            if keep(k, v) {
                i += 1;
            } else {
                crate::sort::remove_at(&mut self.0, i);
            }
        }
    }

    /// Calls `f` on every value, in order, allowing it to change them.
    pub fn for_each_value(&mut self, mut f: impl FnMut(&mut V)) {
        for (_, v) in self.0.iter_mut() {
            f(v);
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is set.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<V: Clone> Map<V> {
    /// Adds every pair of `other` that this map does not set itself.
    pub fn fill_from(&mut self, other: &Map<V>) {
        for (k, v) in other.iter() {
            if !self.contains(k) {
                self.0.push((k.into(), v.clone()));
            }
        }
    }
}

impl<V: WriteJson> WriteJson for Map<V> {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        for (k, v) in &self.0 {
            w.field(k, v);
        }
        w.close('}');
    }
}
