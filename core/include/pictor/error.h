#pragma once
// The one exception type that leaves pictor_core: its message is meant for the user
// (it names the file and says what is wrong).
#include <stdexcept>
#include <string>

namespace pictor {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace pictor
