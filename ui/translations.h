#pragma once
// The interface language: English or Korean, following the system unless the user picked one
// (View ▸ Language, stored in QSettings "ui/language"; applies at the next start).
#include <QString>
#include <QStringList>

namespace pictor::ui {

/// Installs Pictor's (and Qt's own, when present) translations for the chosen language;
/// returns the language code in use ("en" or "ko").
QString installTranslations();
/// Language codes with a translation, and their names in their own language.
QStringList availableLanguages();
QString languageName(const QString& code);

} // namespace pictor::ui
