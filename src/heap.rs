//! The npm cores' allocator: size classes, one free list per class.
//!
//! Why our own: dlmalloc was about 4.6 KB of the errors core (2 KB gzip) for a heap that holds
//! a few bounded buffers and short-lived strings; this one is about 600 bytes. `wee_alloc`
//! is not an option (unmaintained, and it leaks); this allocator is written so it cannot leak:
//!
//! - A request is rounded up to a class: sixteen sizes per power of two (multiples of 8 up to
//!   256, then of 16 up to 512, of 32 up to 1024, …), so a block is at most a sixteenth
//!   larger than asked (or 7 bytes). After 10,000 captures (the bench's memory-under-load
//!   workload) linear memory was 34.1 MB with powers of two alone (envelopes of a little over
//!   8 KiB took 16 KiB blocks), 21.9 MB with four sizes per power, 18.8 MB with sixteen and
//!   18.3 MB with 32; dlmalloc's 18.0 MB. The smallest block, 8 bytes, holds the free-list
//!   link. A block sits at a multiple of the largest power of two dividing its size (at most
//!   a page, 64 KiB); a request whose alignment is larger than that takes a size that is a
//!   multiple of its alignment. An alignment above a page is refused (null): nothing in the
//!   core asks for one.
//! - A freed block goes onto its class's free list and is the next block of that class handed
//!   out. New memory is carved only when the list is empty, so the blocks a class ever takes
//!   are at most the most it had live at once: memory held is bounded by peak live use, and a
//!   workload repeated does not grow the heap after its first round (`tests/heap.rs`).
//! - Carving takes the next suitably aligned address from a bump pointer; the gap skipped to
//!   get there is cut into aligned power-of-two pieces on those classes' lists, never lost.
//!   So carving takes less than twice what the classes have live at their peaks.
//! - Blocks are never split or merged: memory freed in one class serves only that class. So a
//!   block grown one byte at a time through every class would leave one free block in each;
//!   `Vec` and `String` double their capacity instead, and the rounding stays small.
//! - `realloc` stays in place while the new size is in the same class; otherwise it moves.
//! - A size that overflows the address space is a null pointer, never a wrapped one.
//!
//! Every call is O(1) (plus a few pieces of gap when carving). The bookkeeping is generic over
//! where memory comes from ([`Grow`]), so native tests drive it over an ordinary buffer; the
//! Wasm build grows linear memory. Single-threaded by design: the npm cores are built without
//! Wasm threads.

use core::alloc::Layout;
use core::ptr;

/// Bytes per Wasm page, the unit memory grows by.
pub const PAGE: usize = 65536;
/// The smallest block: room for the free-list link on wasm32 and 64-bit hosts. Every block
/// size and address is a multiple of it.
const MIN: usize = 8;
/// 2^SUB_BITS classes per power of two.
const SUB_BITS: u32 = 4;

/// Where the heap gets more memory.
pub trait Grow {
    /// Adds `pages` pages of [`PAGE`] bytes and returns the address of the first one: a
    /// nonzero multiple of [`PAGE`]. `None` when no more memory is available.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// The free tail of the memory that exists before the first allocation, `(start, end)`:
    /// used before any page is added. Linear memory starts with the stack and static data in
    /// its first pages; what follows them up to the memory's end is the heap's.
    fn initial(&mut self) -> (usize, usize) {
        (0, 0)
    }
}

/// The allocator's state: the bump region and one free list per class.
pub struct Heap<G> {
    source: G,
    /// The next byte not yet carved.
    next: usize,
    /// The end of the memory obtained so far (`next <= end`).
    end: usize,
    /// Per class ([`list`]), the address of the first free block (0: none); each free block's
    /// first word holds the address of the next.
    free: [usize; (usize::BITS as usize) << SUB_BITS],
}

/// The block size of a request: the size rounded up to a step of 2^-SUB_BITS of its power of
/// two (at least [`MIN`], at least the alignment). `None` when no block can be that large.
fn block_size(size: usize, align: usize) -> Option<usize> {
    if align > PAGE {
        return None;
    }
    let n = size.max(align).max(MIN);
    let step = ((1usize << log2(n)) >> SUB_BITS).max(MIN).max(align);
    Some(n.checked_add(step - 1)? & !(step - 1))
}

/// The free list of a block size: its power of two and the step within it (below 2^SUB_BITS
/// the steps are [`MIN`], and the low bits are the step).
fn list(block: usize) -> usize {
    let top = log2(block);
    ((top as usize) << SUB_BITS) | ((block >> top.saturating_sub(SUB_BITS)) & ((1 << SUB_BITS) - 1))
}

/// The position of the highest set bit of `n` (nonzero); `ilog2` would link a panic message.
fn log2(n: usize) -> u32 {
    usize::BITS - 1 - n.leading_zeros()
}

/// The largest power of two dividing `n` (nonzero): how a block of that size is aligned.
fn low_bit(n: usize) -> usize {
    n & n.wrapping_neg()
}

impl<G: Grow> Heap<G> {
    /// An empty heap taking memory from `source` when it needs some.
    pub const fn new(source: G) -> Self {
        Heap {
            source,
            next: 0,
            end: 0,
            free: [0; (usize::BITS as usize) << SUB_BITS],
        }
    }

    /// A block for `layout`, or null.
    ///
    /// # Safety
    /// The memory `source` hands out must be this heap's alone.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(size) = block_size(layout.size(), layout.align()) else {
            return ptr::null_mut();
        };
        let Some(head) = self.free.get_mut(list(size)) else {
            return ptr::null_mut();
        };
        let block = *head;
        if block != 0 {
            // SAFETY: a free block's first word holds the next free block's address.
            *head = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        self.carve(size)
    }

    /// Returns a block to its class's free list.
    ///
    /// # Safety
    /// `block` came from this heap for the same `layout` (for a block from
    /// [`realloc`](Self::realloc), the layout with its new size) and is not used after this.
    pub unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        if let Some(size) = block_size(layout.size(), layout.align()) {
            // SAFETY: the caller hands the block back; it is at least a word and aligned.
            unsafe { self.push(size, block as usize) };
        }
    }

    /// The block resized to `new_size`: the same block while the class stays, else a new one
    /// with the contents copied (the old block freed). Null when no memory is left, with the
    /// old block untouched.
    ///
    /// # Safety
    /// As for [`dealloc`](Self::dealloc).
    pub unsafe fn realloc(&mut self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new) = Layout::from_size_align(new_size, layout.align()) else {
            return ptr::null_mut();
        };
        if block_size(new_size, layout.align()) == block_size(layout.size(), layout.align()) {
            return block;
        }
        // SAFETY: as the caller promised; the new block is distinct from the live old one.
        unsafe {
            let moved = self.alloc(new);
            if !moved.is_null() {
                ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            moved
        }
    }

    /// Puts the block at `at` on the free list of blocks of `size`.
    ///
    /// # Safety
    /// `at` is a free block of `size` bytes, owned by this heap.
    unsafe fn push(&mut self, size: usize, at: usize) {
        if let Some(head) = self.free.get_mut(list(size)) {
            // SAFETY: the block is free, word-aligned and at least a word long.
            unsafe { *(at as *mut usize) = *head };
            *head = at;
        }
    }

    /// A new block of `size` bytes from the bump region, growing memory when it is too short.
    fn carve(&mut self, size: usize) -> *mut u8 {
        let align = low_bit(size).min(PAGE);
        if self.end == 0 {
            let (start, end) = self.source.initial();
            // Rounded up to MIN: every carved address is a multiple of it.
            let start = start.saturating_add(MIN - 1) & !(MIN - 1);
            if start != 0 && start < end {
                self.next = start;
                self.end = end;
            }
        }
        loop {
            let at = self.next;
            let room = self.end - at;
            if at & (align - 1) == 0 {
                if room >= size {
                    self.next = at + size;
                    return at as *mut u8;
                }
            } else {
                // The largest aligned piece at `at` (its lowest set bit, smaller than `align`
                // and at least MIN: every address carved is a multiple of it) goes to its class.
                let piece = low_bit(at);
                if room >= piece {
                    // SAFETY: [at, at + piece) is carved here and nowhere else.
                    unsafe { self.push(piece, at) };
                    self.next = at + piece;
                    continue;
                }
            }
            // Enough pages for the aligned block, assuming they follow `end`.
            let Some(need) = at
                .checked_add(align - 1)
                .map(|a| a & !(align - 1))
                .and_then(|a| a.checked_add(size))
            else {
                return ptr::null_mut();
            };
            let pages = (need - self.end).div_ceil(PAGE);
            let Some((base, end)) = self
                .source
                .grow(pages)
                .and_then(|base| Some((base, base.checked_add(pages.checked_mul(PAGE)?)?)))
            else {
                return ptr::null_mut();
            };
            if base != self.end {
                // Not contiguous (someone else grew memory): the rest of the old region is
                // left behind, the next carve starts in the new one.
                self.next = base;
            }
            self.end = end;
        }
    }
}

/// Wasm linear memory as the heap's source.
#[cfg(target_arch = "wasm32")]
pub struct LinearMemory;

#[cfg(target_arch = "wasm32")]
impl Grow for LinearMemory {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let old = core::arch::wasm32::memory_grow(0, pages);
        if old == usize::MAX {
            return None;
        }
        old.checked_mul(PAGE)
    }
    fn initial(&mut self) -> (usize, usize) {
        extern "C" {
            /// Where the linker ends the stack and static data: the first byte free for a heap.
            static __heap_base: u8;
        }
        // Only the symbol's address is taken, never its byte (safe since Rust 1.82).
        let base = core::ptr::addr_of!(__heap_base) as usize;
        (
            base,
            core::arch::wasm32::memory_size(0).saturating_mul(PAGE),
        )
    }
}

/// The global allocator of the npm cores: one [`Heap`] over linear memory.
#[cfg(target_arch = "wasm32")]
pub struct Global(core::cell::UnsafeCell<Heap<LinearMemory>>);

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the heap is single-threaded: build the npm cores without Wasm threads");

// SAFETY: without Wasm threads (checked above) there is one thread, and no call re-enters the
// heap: none of its methods allocates.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for Global {}

#[cfg(target_arch = "wasm32")]
impl Global {
    /// The empty heap; on the first allocation it takes the free tail of the initial memory,
    /// then grows memory.
    pub const fn new() -> Self {
        Global(core::cell::UnsafeCell::new(Heap::new(LinearMemory)))
    }
}

// SAFETY: `Heap` hands out distinct, aligned blocks of at least the requested size; linear
// memory grown by it belongs to it alone.
#[cfg(target_arch = "wasm32")]
unsafe impl core::alloc::GlobalAlloc for Global {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded and not re-entered (see `Sync`).
        unsafe { (*self.0.get()).alloc(layout) }
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as above; the caller's contract is `Heap::dealloc`'s.
        unsafe { (*self.0.get()).dealloc(block, layout) }
    }
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above; the caller's contract is `Heap::realloc`'s.
        unsafe { (*self.0.get()).realloc(block, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distinct block sizes never share a free list, every list exists, and a block size is a
    /// multiple of the alignment asked for.
    #[test]
    fn each_block_size_has_its_own_list() {
        let mut owner = std::collections::HashMap::new();
        for align in [1, 8, 64, 4096] {
            for size in (0..70_000).chain([1 << 20, (1 << 20) + 1, (3 << 24) + 5]) {
                let block = block_size(size, align).unwrap();
                assert!(block >= size && block % align == 0 && block % MIN == 0);
                assert!(block - size.max(MIN) <= (size >> SUB_BITS).max(align).max(MIN));
                let list = list(block);
                assert!(list < (usize::BITS as usize) << SUB_BITS);
                assert_eq!(*owner.entry(list).or_insert(block), block, "list {list}");
            }
        }
    }
}
