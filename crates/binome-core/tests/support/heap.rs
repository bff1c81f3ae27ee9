//! The heap a piece of work takes, counted by the test binary's own
//! allocator (each memory test is a binary of one test, so that nothing
//! else allocates while it measures).

use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};
use std::alloc::System;

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The most the heap grew while `work` ran.
pub fn heap_growth<T>(work: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATOR.reset_peak_memory();
    let value = work();
    let peak = ALLOCATOR.get_peak_memory();
    eprintln!("heap growth: {} KB", peak >> 10);
    (value, peak)
}
