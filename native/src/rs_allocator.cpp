// A caching CPU allocator for libtorch. With glibc malloc every large activation is mmapped and unmapped on every
// training step (millions of page faults); keeping freed blocks in size-bucketed free lists and handing them out
// again removes that cost (native/README.md has the measurements against glibc and jemalloc).
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <c10/core/CPUAllocator.h>

#include "rs_tensor.h"

namespace {

// Every block starts with a header that records its bucket size, so the raw deleter (which gets only the data
// pointer, as oneDNN requires) can return it to the right free list. The header is one alignment unit long so
// the data keeps c10's 64-byte alignment.
constexpr size_t kAlignment = 64;
constexpr size_t kHeader = kAlignment;

// Sizes are rounded up to classes at most 1/8 apart (like jemalloc's), so shapes that differ a little share
// blocks while no block wastes more than 12.5%.
size_t bucket_size(size_t n) {
    if (n <= 4096) {
        return (n + kAlignment - 1) / kAlignment * kAlignment;
    }
    size_t top = size_t{1} << (63 - __builtin_clzll(static_cast<unsigned long long>(n)));
    size_t step = top / 8;
    return (n + step - 1) / step * step;
}

// libtorch 2.3 made Allocator::allocate non-const and added the pure virtual copy_data.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
#define RS_ALLOCATE_CONST
#define RS_ALLOCATOR_COPY_DATA 1
#else
#define RS_ALLOCATE_CONST const
#endif

class CachingAllocator final : public c10::Allocator {
public:
    c10::DataPtr allocate(size_t n) RS_ALLOCATE_CONST override {
        if (n == 0) {
            return {nullptr, nullptr, &release, c10::Device(c10::DeviceType::CPU)};
        }
        void* data = take(bucket_size(n));
        return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &release; }

#ifdef RS_ALLOCATOR_COPY_DATA
    void copy_data(void* dest, const void* src, std::size_t count) const override {
        default_copy_data(dest, src, count);
    }
#endif

    static CachingAllocator& instance() {
        // Leaked on purpose: tensors may be freed during static destruction at exit and still need it.
        static auto* allocator = new CachingAllocator();
        return *allocator;
    }

    void configure(bool active, int64_t limit) {
        std::lock_guard<std::mutex> lock(mutex_);
        active_ = active;
        limit_ = limit;
        trim_locked(active ? limit : 0);
    }

    void empty_cache() {
        std::lock_guard<std::mutex> lock(mutex_);
        trim_locked(0);
    }

    void stats(int64_t* out) {
        std::lock_guard<std::mutex> lock(mutex_);
        out[0] = in_use_;
        out[1] = cached_;
        out[2] = hits_;
        out[3] = misses_;
        out[4] = peak_in_use_;
        out[5] = limit_;
    }

private:
    static void release(void* data) {
        if (data != nullptr) {
            instance().give_back(data);
        }
    }

    void* take(size_t size) const {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            in_use_ += static_cast<int64_t>(size);
            peak_in_use_ = std::max(peak_in_use_, in_use_);
            auto it = free_.find(size);
            if (it != free_.end() && !it->second.empty()) {
                void* data = it->second.back();
                it->second.pop_back();
                cached_ -= static_cast<int64_t>(size);
                ++hits_;
                return data;
            }
            ++misses_;
        }
        void* block = nullptr;
        if (posix_memalign(&block, kAlignment, size + kHeader) != 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            in_use_ -= static_cast<int64_t>(size);
            TORCH_CHECK(false, "caching allocator: out of memory allocating ", size, " bytes");
        }
        *static_cast<size_t*>(block) = size;
        return static_cast<char*>(block) + kHeader;
    }

    void give_back(void* data) const {
        void* block = static_cast<char*>(data) - kHeader;
        size_t size = *static_cast<size_t*>(block);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            in_use_ -= static_cast<int64_t>(size);
            if (active_ && cached_ + static_cast<int64_t>(size) <= limit_) {
                free_[size].push_back(data);
                cached_ += static_cast<int64_t>(size);
                return;
            }
        }
        std::free(block);
    }

    // Frees cached blocks, largest classes first, until at most keep bytes stay cached.
    void trim_locked(int64_t keep) const {
        if (cached_ <= keep) {
            return;
        }
        std::vector<size_t> sizes;
        for (auto& entry : free_) {
            sizes.push_back(entry.first);
        }
        std::sort(sizes.rbegin(), sizes.rend());
        for (size_t size : sizes) {
            auto& blocks = free_[size];
            while (!blocks.empty() && cached_ > keep) {
                std::free(static_cast<char*>(blocks.back()) - kHeader);
                blocks.pop_back();
                cached_ -= static_cast<int64_t>(size);
            }
        }
    }

    mutable std::mutex mutex_;
    mutable std::unordered_map<size_t, std::vector<void*>> free_;
    mutable int64_t in_use_ = 0;
    mutable int64_t peak_in_use_ = 0;
    mutable int64_t cached_ = 0;
    mutable int64_t hits_ = 0;
    mutable int64_t misses_ = 0;
    bool active_ = false;
    int64_t limit_ = 0;
};

// Codes match the C# AllocatorKind enum.
enum Kind { kSystem = 0, kCaching = 1 };

std::atomic<int> current_kind{kSystem};

}  // namespace

// Makes kind libtorch's CPU allocator for new tensors; cache_limit bounds the bytes the caching allocator keeps.
// Call it before tensors are made on other threads: c10 does not guard the switch against concurrent allocation.
RS_EXPORT int rs_allocator_use(int kind, int64_t cache_limit) {
    return rs::guard_status([&] {
        TORCH_CHECK(kind == kSystem || kind == kCaching, "unsupported allocator kind code ", kind);
        TORCH_CHECK(cache_limit >= 0, "cache limit must not be negative, not ", cache_limit);
        auto& caching = CachingAllocator::instance();
        caching.configure(kind == kCaching, cache_limit);
        c10::SetCPUAllocator(kind == kCaching ? static_cast<c10::Allocator*>(&caching) : c10::GetDefaultCPUAllocator());
        current_kind = kind;
    });
}

RS_EXPORT int rs_allocator_kind() {
    return rs::guard(-1, [] { return current_kind.load(); });
}

// Frees every block the caching allocator holds in reserve.
RS_EXPORT int rs_allocator_empty_cache() {
    return rs::guard_status([] { CachingAllocator::instance().empty_cache(); });
}

// Writes in-use bytes, cached bytes, cache hits, misses, peak in-use bytes and the cache limit (6 values).
RS_EXPORT int rs_allocator_stats(int64_t* values, int count) {
    return rs::guard_status([&] {
        TORCH_CHECK(values != nullptr && count == 6, "stats needs room for 6 values, got ", count);
        CachingAllocator::instance().stats(values);
    });
}

// Which malloc the process runs on: jemalloc when it was preloaded (it exports mallctl), else the C library's.
RS_EXPORT const char* rs_allocator_malloc_name() {
    return rs::guard<const char*>(nullptr, [] {
        return dlsym(RTLD_DEFAULT, "mallctl") != nullptr ? "jemalloc" : "glibc malloc";
    });
}
