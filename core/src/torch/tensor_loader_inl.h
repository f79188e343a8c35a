#pragma once
#include <pictor/error.h>

#include <c10/util/Exception.h>

#include <new>

namespace pictor::torchutil {

template <typename Fn>
auto guarded(const std::string& context, Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const c10::Error& e) {
        throw Error(context + ": " + e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        throw Error(context + ": out of memory");
    }
}

} // namespace pictor::torchutil
