// libFuzzer's entry point for one target; PICTOR_FUZZ_ENTRY names the function (CMake sets it).
#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size)
{
    pictor::fuzz::PICTOR_FUZZ_ENTRY(data, size);
    return 0;
}
