#pragma once
// Every setting widget gets an accessible name and a tooltip that says what it does.
#include <QString>

namespace pictor::ui {

template <typename W>
W* tip(W* w, const QString& name, const QString& tooltip)
{
    w->setAccessibleName(name);
    w->setToolTip(tooltip);
    return w;
}

} // namespace pictor::ui
