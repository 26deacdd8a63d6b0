//! A small map from names to values, kept sorted by name. The few dozen entries of a pack or a
//! household need no tree, and every `BTreeMap<K, V>` instantiated costs the WebAssembly module
//! kilobytes of code; one sorted vector with a binary search serves them all.

/// Inserts `x` into the sorted `v` unless it is there already. The short lists of statuses and
/// areas are kept sorted this way rather than by `sort`, whose code is large in WebAssembly.
pub fn insert_sorted<T: Ord>(v: &mut Vec<T>, x: T) {
    if let Err(i) = v.binary_search(&x) {
        v.insert(i, x);
    }
}

/// A stable insertion sort, for the few hundred items at most that the engine sorts.
pub fn insertion_sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// A stable merge sort, for lists a hostile input can make long (an object's members).
pub fn merge_sort_by<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    if n <= 32 {
        return insertion_sort_by(v, |x, y| less(x, y));
    }
    let (mut a, mut b) = (v.to_vec(), v.to_vec());
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let (mid, end) = ((i + width).min(n), (i + 2 * width).min(n));
            let (mut l, mut r) = (i, mid);
            for slot in &mut b[i..end] {
                // The left run's item unless the right one is strictly less: stable.
                if r < end && (l >= mid || less(&a[r], &a[l])) {
                    *slot = a[r];
                    r += 1;
                } else {
                    *slot = a[l];
                    l += 1;
                }
            }
            i = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    v.copy_from_slice(&a);
}

/// A map from names to values, kept as a vector sorted by name (binary search; smaller in WebAssembly than a `BTreeMap`).
#[derive(Debug, Clone)]
pub struct Table<V> {
    items: Vec<(String, V)>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table { items: Vec::new() }
    }
}

impl<V> Table<V> {
    /// An empty table.
    pub fn new() -> Self {
        Table::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.items[i].1)
    }

    /// The value of `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        match self.find(key) {
            Ok(i) => Some(&mut self.items[i].1),
            Err(_) => None,
        }
    }

    /// True when `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Inserts or replaces; returns the value replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, value)),
            Err(i) => {
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, inserted with `make` when absent.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.items.insert(i, (key.to_string(), make()));
                i
            }
        };
        &mut self.items[i].1
    }

    /// Entries in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.items.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.items.iter().map(|(k, _)| k)
    }

    /// The values, in name order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.items.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The entries in name order, taken out of the table.
    pub fn into_iter_sorted(self) -> impl Iterator<Item = (String, V)> {
        self.items.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Table<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        fn pair<V>((k, v): &(String, V)) -> (&String, &V) {
            (k, v)
        }
        self.items.iter().map(pair as fn(&'a (String, V)) -> (&'a String, &'a V))
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn sorted_insert_replace_get() {
        let mut t = Table::new();
        assert_eq!(t.insert("b".into(), 2), None);
        assert_eq!(t.insert("a".into(), 1), None);
        assert_eq!(t.insert("b".into(), 3), Some(2));
        assert_eq!(t.get("b"), Some(&3));
        assert_eq!(t.get("c"), None);
        assert_eq!(t.keys().cloned().collect::<Vec<_>>(), ["a", "b"]);
        *t.get_or_insert_with("c", || 0) += 5;
        assert_eq!(t.get("c"), Some(&5));
    }
}
