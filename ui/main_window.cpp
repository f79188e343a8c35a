#include "main_window.h"

#include <pictor/runtime.h>

#include <QLabel>
#include <QStatusBar>

namespace pictor::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Pictor"));
    const RuntimeInfo info = runtimeInfo();
    auto* label = new QLabel(tr("<h2>Pictor %1</h2><p>Engine: LibTorch %2, OpenCV %3, %4 threads.</p>"
                                "<p>The command-line tool <tt>pictor-cli</tt> embeds text and images and classifies pictures "
                                "with CLIP models.</p>")
                                 .arg(PICTOR_VERSION, QString::fromStdString(info.torchVersion),
                                      QString::fromStdString(info.opencvVersion))
                                 .arg(info.threads),
                             this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    setCentralWidget(label);
    const std::string warning = blasWarning();
    statusBar()->showMessage(warning.empty() ? tr("Ready") : QString::fromStdString(warning));
    resize(900, 600);
}

} // namespace pictor::ui
