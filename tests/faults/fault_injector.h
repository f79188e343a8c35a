#pragma once
// Switches libfiu's POSIX failure points on and off from inside a test. The test process runs with
// LD_PRELOAD=fiu_posix_preload.so (set by CMake), whose wrappers of open/write/fsync/rename/...
// consult libfiu; we reach that same libfiu through dlsym rather than linking a second copy.
#include <QString>

#include <cerrno>
#include <dlfcn.h>

namespace pictor::test {

class FaultInjector {
public:
    FaultInjector()
    {
        m_init = reinterpret_cast<int (*)(unsigned)>(dlsym(RTLD_DEFAULT, "fiu_init"));
        m_enable = reinterpret_cast<int (*)(const char*, int, void*, unsigned)>(dlsym(RTLD_DEFAULT, "fiu_enable"));
        m_disable = reinterpret_cast<int (*)(const char*)>(dlsym(RTLD_DEFAULT, "fiu_disable"));
        if (available()) m_init(0);
    }
    bool available() const { return m_init && m_enable && m_disable; }
    static QString why() { return "libfiu's fiu_posix_preload.so is not preloaded (ctest sets LD_PRELOAD; install libfiu0)"; }

    /// From now on every call behind `point` (e.g. "posix/io/rw/write") fails with `error`.
    void fail(const char* point, int error) { m_enable(point, 1, reinterpret_cast<void*>(intptr_t(error)), 0); }
    void heal(const char* point) { m_disable(point); }

private:
    int (*m_init)(unsigned) = nullptr;
    int (*m_enable)(const char*, int, void*, unsigned) = nullptr;
    int (*m_disable)(const char*) = nullptr;
};

/// Enables a failure point for the lifetime of the object.
class Fault {
public:
    Fault(FaultInjector& f, const char* point, int error) : m_f(f), m_point(point) { m_f.fail(point, error); }
    ~Fault() { m_f.heal(m_point); }

private:
    FaultInjector& m_f;
    const char* m_point;
};

} // namespace pictor::test
