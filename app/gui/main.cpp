// pictor: the desktop application.
#include "main_window.h"
#include "translations.h"

#include <pictor/runtime.h>

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Pictor");
    QApplication::setApplicationName("Pictor");
    QApplication::setApplicationVersion(PICTOR_VERSION);
    QApplication::setWindowIcon(QIcon(":/pictor/icons/pictor.svg"));
    pictor::ui::installTranslations();
    pictor::setComputeThreads(0);
    pictor::ui::MainWindow window;
    window.show();
    return app.exec();
}
