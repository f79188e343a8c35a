// The layering rule: no file in ui/ or app/ includes torch, ATen, c10, OpenCV or sentencepiece
// headers (Debian puts them in /usr/include, so the compiler would not stop it).
#include "test_support.h"

#include <QDirIterator>
#include <QRegularExpression>

class TestSourceBoundary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noEngineHeadersOutsideCore()
    {
        const QRegularExpression forbidden(QStringLiteral("^\\s*#\\s*include\\s*[<\"](torch/|ATen/|c10/|opencv2/|sentencepiece)"),
                                           QRegularExpression::MultilineOption);
        int files = 0;
        for (const char* sub : {"ui", "app"}) {
            QDirIterator it(pictor::test::sourceDir() + "/" + sub, {"*.h", "*.cpp"}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(f.readAll());
                QVERIFY2(!forbidden.match(text).hasMatch(), qPrintable(path + " includes an engine header"));
                ++files;
            }
        }
        QVERIFY(files > 5);
    }

    void publicHeadersAreTorchFree()
    {
        QDirIterator it(pictor::test::sourceDir() + "/core/include", {"*.h"}, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("#\\s*include\\s*[<\"](torch|ATen|c10|opencv2)/|\\bat::|\\btorch::|\\bcv::"))),
                     qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 4);
    }
};

QTEST_GUILESS_MAIN(TestSourceBoundary)
#include "tst_source_boundary.moc"
