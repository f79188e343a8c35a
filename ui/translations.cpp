#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace pictor::ui {

QStringList availableLanguages() { return {"en", "ko"}; }

QString languageName(const QString& code) { return code == "ko" ? QStringLiteral("한국어") : QStringLiteral("English"); }

QString installTranslations()
{
    QString code = QSettings().value("ui/language").toString();
    if (!availableLanguages().contains(code)) {
        code = "en";
        for (const QString& name : QLocale::system().uiLanguages())
            if (name.startsWith("ko")) {
                code = "ko";
                break;
            }
    }
    auto* pictor = new QTranslator(QCoreApplication::instance());
    if (pictor->load(":/i18n/pictor_" + code + ".qm")) QCoreApplication::installTranslator(pictor);
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load("qtbase_" + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) QCoreApplication::installTranslator(qt);
    return code;
}

} // namespace pictor::ui
