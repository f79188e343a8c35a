// Every user-visible string goes through tr() and has a Korean translation: lupdate is run on
// the sources here, and each string it finds must be translated (finished, same placeholders)
// in resources/translations/pictor_ko.ts. The window then really speaks Korean.
#include "test_support.h"

#include "main_window.h"
#include "translations.h"

#include <QApplication>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context, source, translation;
    bool finished = false;
};

QList<Message> readTs(const QString& path)
{
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return out;
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        else if (xml.name() == QLatin1String("message")) m = Message{context, {}, {}, false};
        else if (xml.name() == QLatin1String("source")) m.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            m.finished = xml.attributes().value("type").isEmpty();
            m.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            out.push_back(m);
        }
    }
    return out;
}

QStringList placeholders(const QString& s)
{
    QStringList out;
    auto it = QRegularExpression("%(\\d+|n)").globalMatch(s);
    while (it.hasNext()) out << it.next().captured(0);
    out.sort();
    out.removeDuplicates();
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void koreanCoversEverySourceString()
    {
        QTemporaryDir dir;
        const QString fresh = dir.path() + "/fresh.ts";
        QProcess lupdate;
        lupdate.setWorkingDirectory(pictor::test::sourceDir());
        lupdate.start(PICTOR_LUPDATE, {"-silent", "-locations", "none", "ui", "app/gui", "-ts", fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> sources = readTs(fresh);
        QVERIFY2(sources.size() > 200, qPrintable(QString::number(sources.size())));
        QHash<QString, Message> korean;
        for (const Message& m : readTs(pictor::test::sourceDir() + "/resources/translations/pictor_ko.ts")) korean.insert(m.context + "\n" + m.source, m);
        QStringList missing, broken;
        for (const Message& s : sources) {
            const auto it = korean.constFind(s.context + "\n" + s.source);
            if (it == korean.constEnd() || !it->finished || it->translation.trimmed().isEmpty()) missing << s.context + ": " + s.source;
            else if (placeholders(it->translation) != placeholders(s.source)) broken << s.source;
        }
        QVERIFY2(missing.isEmpty(), qPrintable("untranslated (run the update_translations target, then translate):\n" + missing.join('\n')));
        QVERIFY2(broken.isEmpty(), qPrintable("placeholders differ:\n" + broken.join('\n')));
    }

    void windowSpeaksKorean()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorTranslationTest");
        QSettings().setValue("ui/language", "ko");
        QCOMPARE(pictor::ui::installTranslations(), QString("ko"));
        pictor::ui::MainWindow w;
        QCOMPARE(w.workspaces()->tabText(0), QString("만들기"));
        QCOMPARE(w.workspaces()->tabText(1), QString("갤러리"));
        QStringList menus;
        for (QAction* a : w.menuBar()->actions()) menus << a->text();
        QVERIFY2(menus.contains("파일(&F)"), qPrintable(menus.join(", ")));
        QSettings().remove("ui/language");
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
