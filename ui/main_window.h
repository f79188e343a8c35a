#pragma once
// Pictor's main window. For now it shows the engine's set-up; the Create and Gallery workspaces
// are built on it by the GUI issues.
#include <QMainWindow>

namespace pictor::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace pictor::ui
