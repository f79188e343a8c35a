// The resources are compiled into a static library: nothing references them, so the linker would
// drop them unless something asks for them once.
#include <QtGlobal>

void pictorInitResources()
{
    Q_INIT_RESOURCE(resources);
}
