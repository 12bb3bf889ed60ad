//! The npm cores' allocator (`src/heap.rs`), driven natively over an ordinary buffer: blocks
//! never overlap, honour their alignment, keep their contents through `realloc`, freed memory
//! is reused (a repeated workload does not grow the heap), and impossible sizes are null.

#[allow(dead_code)]
#[path = "../src/heap.rs"]
mod heap;

use heap::{Grow, Heap, PAGE};
use proptest::prelude::*;
use std::alloc::Layout;
use std::cell::Cell;
use std::rc::Rc;

/// A fixed reservation handed out page by page, like Wasm linear memory. It counts the pages
/// taken, which is what the app would see as `memory.buffer.byteLength` growing.
struct Arena {
    base: *mut u8,
    pages: usize,
    used: Rc<Cell<usize>>,
    /// Nonzero: the offset where the free tail of the pages already used begins (as the stack
    /// and static data end in Wasm's first pages).
    start: usize,
}

impl Arena {
    fn new(pages: usize) -> Arena {
        let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
        // SAFETY: nonzero size; freed in `Drop` with the same layout.
        let base = unsafe { std::alloc::alloc(layout) };
        assert!(!base.is_null());
        Arena {
            base,
            pages,
            used: Rc::default(),
            start: 0,
        }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        let layout = Layout::from_size_align(self.pages * PAGE, PAGE).unwrap();
        // SAFETY: allocated in `new` with this layout.
        unsafe { std::alloc::dealloc(self.base, layout) }
    }
}

impl Grow for Arena {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let used = self.used.get();
        if pages > self.pages - used {
            return None;
        }
        self.used.set(used + pages);
        Some(self.base as usize + used * PAGE)
    }
    fn initial(&mut self) -> (usize, usize) {
        match self.start {
            0 => (0, 0),
            start => (
                self.base as usize + start,
                self.base as usize + self.used.get() * PAGE,
            ),
        }
    }
}

/// A live block and the byte pattern written into all of it.
struct Live {
    ptr: *mut u8,
    layout: Layout,
    fill: u8,
}

/// A heap over an arena, with the live blocks checked on every step.
struct Checked {
    heap: Heap<Arena>,
    /// The arena's page count, shared with it.
    used: Rc<Cell<usize>>,
    live: Vec<Live>,
    counter: u8,
    /// Check every live block on every step (slow with many large blocks).
    verify: bool,
}

impl Checked {
    fn new(pages: usize) -> Checked {
        let arena = Arena::new(pages);
        Checked {
            used: arena.used.clone(),
            heap: Heap::new(arena),
            live: Vec::new(),
            counter: 0,
            verify: true,
        }
    }

    /// Pages taken from the arena: what the app would see as `memory.buffer.byteLength`.
    fn pages(&self) -> usize {
        self.used.get()
    }

    fn fill(&mut self) -> u8 {
        self.counter = self.counter.wrapping_add(1);
        self.counter
    }

    fn alloc(&mut self, size: usize, align: usize) {
        let layout = Layout::from_size_align(size, align).unwrap();
        // SAFETY: the arena is the heap's alone.
        let ptr = unsafe { self.heap.alloc(layout) };
        assert!(!ptr.is_null(), "out of memory for {layout:?}");
        assert_eq!(ptr as usize % align, 0, "{layout:?} misaligned at {ptr:p}");
        let fill = self.fill();
        // SAFETY: the block has at least `size` bytes.
        unsafe { ptr.write_bytes(fill, size) };
        self.live.push(Live { ptr, layout, fill });
        self.check_disjoint();
    }

    fn free(&mut self, index: usize) {
        let block = self.live.swap_remove(index % self.live.len());
        assert_contents(&block);
        // SAFETY: the block is live and allocated for this layout.
        unsafe { self.heap.dealloc(block.ptr, block.layout) };
    }

    fn realloc(&mut self, index: usize, new_size: usize) {
        let index = index % self.live.len();
        let old = &self.live[index];
        assert_contents(old);
        let (ptr, layout) = (old.ptr, old.layout);
        // SAFETY: the block is live and allocated for this layout.
        let moved = unsafe { self.heap.realloc(ptr, layout, new_size) };
        assert!(!moved.is_null());
        assert_eq!(moved as usize % layout.align(), 0);
        let kept = layout.size().min(new_size);
        let fill = self.live[index].fill;
        // SAFETY: the new block has at least `new_size` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(moved, kept) };
        assert!(bytes.iter().all(|&b| b == fill), "realloc lost contents");
        // SAFETY: as above.
        unsafe { moved.write_bytes(fill, new_size) };
        self.live[index] = Live {
            ptr: moved,
            layout: Layout::from_size_align(new_size, layout.align()).unwrap(),
            fill,
        };
        self.check_disjoint();
    }

    fn free_all(&mut self) {
        while !self.live.is_empty() {
            self.free(0);
        }
    }

    /// No two live blocks share a byte, and each still holds what was written into it.
    fn check_disjoint(&self) {
        if !self.verify {
            return;
        }
        let mut spans: Vec<(usize, usize)> = self
            .live
            .iter()
            .map(|b| (b.ptr as usize, b.ptr as usize + b.layout.size().max(1)))
            .collect();
        spans.sort();
        for pair in spans.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "blocks overlap: {pair:?}");
        }
        for block in &self.live {
            assert_contents(block);
        }
    }
}

fn assert_contents(block: &Live) {
    // SAFETY: the block is live with `size` initialised bytes.
    let bytes = unsafe { std::slice::from_raw_parts(block.ptr, block.layout.size()) };
    assert!(
        bytes.iter().all(|&b| b == block.fill),
        "a block was overwritten"
    );
}

#[derive(Clone, Debug)]
enum Op {
    Alloc(usize, usize),
    Free(usize),
    Realloc(usize, usize),
}

/// Sizes the core asks for (small strings and vectors) with some large ones; alignments up to
/// 4 KiB, so some exceed their size.
fn op() -> impl Strategy<Value = Op> {
    let size = prop_oneof![4 => 0usize..64, 3 => 0usize..1500, 1 => 0usize..70_000];
    let align = (0u32..13).prop_map(|s| 1usize << s);
    prop_oneof![
        4 => (size.clone(), align).prop_map(|(s, a)| Op::Alloc(s, a)),
        3 => any::<usize>().prop_map(Op::Free),
        2 => (any::<usize>(), size).prop_map(|(i, s)| Op::Realloc(i, s)),
    ]
}

fn run(heap: &mut Checked, ops: &[Op]) {
    for op in ops {
        match *op {
            Op::Alloc(size, align) => heap.alloc(size, align),
            Op::Free(i) if !heap.live.is_empty() => heap.free(i),
            Op::Realloc(i, size) if !heap.live.is_empty() => heap.realloc(i, size),
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any sequence: blocks disjoint, aligned, contents kept (checked on every step).
    #[test]
    fn blocks_are_disjoint_aligned_and_keep_contents(ops in prop::collection::vec(op(), 1..300)) {
        let mut heap = Checked::new(512);
        run(&mut heap, &ops);
        heap.free_all();
    }

    /// The same workload again and again takes no memory after its first round: what was freed
    /// is what the next round gets.
    #[test]
    fn a_repeated_workload_does_not_grow_memory(ops in prop::collection::vec(op(), 1..200)) {
        let mut heap = Checked::new(512);
        heap.verify = false;
        run(&mut heap, &ops);
        heap.free_all();
        let after_first = heap.pages();
        for _ in 0..10 {
            run(&mut heap, &ops);
            heap.free_all();
        }
        prop_assert_eq!(heap.pages(), after_first);
    }
}

#[test]
fn zero_sized_requests_get_distinct_blocks() {
    let mut heap = Checked::new(4);
    heap.alloc(0, 1);
    heap.alloc(0, 1);
    let (a, b) = (heap.live[0].ptr, heap.live[1].ptr);
    assert!(!a.is_null() && a != b);
    heap.free_all();
}

#[test]
fn alignment_larger_than_the_size_is_honoured() {
    let mut heap = Checked::new(64);
    for align in [16, 64, 4096, PAGE] {
        heap.alloc(1, 1);
        heap.alloc(3, align);
        heap.alloc(2 * PAGE, align);
    }
    heap.free_all();
    // Above a page, refused rather than misaligned.
    let layout = Layout::from_size_align(8, 2 * PAGE).unwrap();
    // SAFETY: the arena is the heap's alone.
    assert!(unsafe { heap.heap.alloc(layout) }.is_null());
}

#[test]
fn sizes_that_cannot_exist_are_null_not_wrapped() {
    let mut heap = Checked::new(4);
    let huge = [
        Layout::from_size_align(isize::MAX as usize, 1).unwrap(),
        Layout::from_size_align(usize::MAX / 2 - PAGE, PAGE).unwrap(),
        Layout::from_size_align(1 << 40, 8).unwrap(),
    ];
    for layout in huge {
        // SAFETY: the arena is the heap's alone.
        let ptr = unsafe { heap.heap.alloc(layout) };
        assert!(ptr.is_null(), "{layout:?} gave {ptr:p}");
    }
    // Still usable afterwards, and a realloc that cannot grow leaves the block intact.
    heap.alloc(100, 8);
    let block = &heap.live[0];
    // SAFETY: live block, its own layout.
    let ptr = unsafe {
        heap.heap
            .realloc(block.ptr, block.layout, isize::MAX as usize - 7)
    };
    assert!(ptr.is_null());
    heap.check_disjoint();
    heap.free_all();
}

#[test]
fn running_out_of_memory_is_null_and_recoverable() {
    let mut heap = Checked::new(2);
    // SAFETY: the arena is the heap's alone.
    let big = unsafe {
        heap.heap
            .alloc(Layout::from_size_align(3 * PAGE, 8).unwrap())
    };
    assert!(big.is_null());
    heap.alloc(PAGE, 8);
    heap.alloc(1000, 8);
    heap.free_all();
    heap.alloc(PAGE, 8);
    assert_eq!(heap.pages(), 2);
    heap.free_all();
}

#[test]
fn realloc_within_the_class_stays_in_place() {
    let mut heap = Checked::new(4);
    // 20 bytes take a 24-byte block; 1000 bytes a 1024-byte one (classes …, 960, 992, 1024).
    heap.alloc(20, 4);
    let steps = [
        (24, true),
        (17, true),
        (25, false),
        (1000, false),
        (993, true),
        (1024, true),
        (992, false),
    ];
    for (size, in_place) in steps {
        let before = heap.live[0].ptr;
        heap.realloc(0, size);
        assert_eq!(heap.live[0].ptr == before, in_place, "realloc to {size}");
    }
    heap.free_all();
}

/// Grows one block through `sizes` by `realloc` (no checks per step: large blocks); returns
/// the pages the heap took.
fn grow_through(sizes: impl Iterator<Item = usize>) -> usize {
    let mut heap = Checked::new(256);
    heap.alloc(1, 1);
    for size in sizes {
        let old = &heap.live[0];
        // SAFETY: live block, its own layout.
        let moved = unsafe { heap.heap.realloc(old.ptr, old.layout, size) };
        assert!(!moved.is_null());
        heap.live[0].ptr = moved;
        heap.live[0].layout = Layout::from_size_align(size, 1).unwrap();
    }
    let pages = heap.pages();
    let block = heap.live.pop().unwrap();
    // SAFETY: live block, its own layout.
    unsafe { heap.heap.dealloc(block.ptr, block.layout) };
    pages
}

#[test]
fn a_growing_vector_takes_less_than_twice_its_final_size() {
    // A vector doubling its capacity to 1 MiB keeps one block per size it passed through: the
    // heap stays within twice the final block plus a page.
    let pages = grow_through((1..=20).map(|shift| 1 << shift));
    assert!(pages * PAGE <= 2 * (1 << 20) + PAGE, "{pages} pages");
}

#[test]
fn a_string_grown_byte_by_byte_is_bounded_by_its_classes() {
    // Grown one byte at a time it passes through every class up to 256 KiB (sixteen per power
    // of two, 23.5 times the power in all) and each keeps one block: with the last block and
    // the alignment gaps, under 26 times the final size, not a block per step.
    let pages = grow_through(2..=(1 << 18));
    assert!(pages * PAGE < 26 << 18, "{pages} pages");
}

#[test]
fn gaps_skipped_for_alignment_are_handed_out_later() {
    // A 8-byte block, then a page-aligned page: the gap before the page is cut into pieces of
    // 8..32 KiB which the following small requests use without growing memory.
    let mut heap = Checked::new(8);
    heap.alloc(8, 8);
    heap.alloc(PAGE, PAGE);
    let pages = heap.pages();
    for size in [8, 16, 32, 64, 128, 1024, 4096, 32768] {
        heap.alloc(size, 8);
    }
    assert_eq!(heap.pages(), pages);
    heap.free_all();
}

/// The free tail of the memory that exists before the first allocation (after the stack and
/// static data) serves allocations before any page is added, and nothing carved there
/// overlaps what comes from the pages added later.
#[test]
fn the_initial_memory_tail_is_used_before_growing() {
    let mut arena = Arena::new(4);
    arena.used.set(1);
    arena.start = 40_001;
    let (used, base) = (arena.used.clone(), arena.base as usize);
    let mut heap = Heap::new(arena);
    let small = Layout::from_size_align(1000, 8).unwrap();
    let mut blocks = Vec::new();
    for _ in 0..20 {
        // SAFETY: the arena is the heap's alone.
        let p = unsafe { heap.alloc(small) } as usize;
        assert!(
            p >= base + 40_001 && p + 1000 <= base + PAGE,
            "{p:#x} outside the tail"
        );
        assert_eq!(p % 8, 0);
        blocks.push(p);
    }
    assert_eq!(
        used.get(),
        1,
        "20 small blocks fit in the first page's tail"
    );
    let big = Layout::from_size_align(PAGE, 8).unwrap();
    // SAFETY: as above.
    let p = unsafe { heap.alloc(big) } as usize;
    assert!(p >= base + PAGE, "the large block comes from added pages");
    assert!(used.get() > 1);
    blocks.sort_unstable();
    assert!(blocks.windows(2).all(|w| w[0] + 1000 <= w[1]));
    for b in blocks {
        // SAFETY: each block came from this heap with this layout.
        unsafe { heap.dealloc(b as *mut u8, small) };
    }
    // SAFETY: as above.
    unsafe { heap.dealloc(p as *mut u8, big) };
}
