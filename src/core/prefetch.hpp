#pragma once
// Software prefetch that survives optimisation: GCC 12 deletes a loop whose only effect is
// __builtin_prefetch (it counts a prefetch as free of side effects), so each address is
// also handed to an empty asm statement, which the compiler must keep. Costs one
// instruction; changes no result.
namespace grassroots::core {

inline void prefetch(const void* address) {
    __builtin_prefetch(address);
    asm volatile("" : : "r"(address));
}

}  // namespace grassroots::core
