#pragma once
// Pictor's main window: the Create and Gallery workspaces, menus and toolbar with standard
// shortcuts, a status bar naming the model, threads and engine state; geometry remembered.
#include "generation_controller.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace pictor::ui {

class CreatePanel;
class GalleryController;
class GalleryPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    CreatePanel* createPanel() const { return m_create; }
    GenerationController* controller() const { return m_controller; }
    QTabWidget* workspaces() const { return m_tabs; }
    GalleryPanel* galleryPanel() const { return m_gallery; }
    GalleryController* galleryController() const { return m_galleryController; }
    /// View ▸ Language: stores the choice and says in a dialog that it applies from the next start,
    /// offering to restart now when no run is busy.
    void askToRestartForLanguage(const QString& code);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void chooseDefaultModels();
    void showAbout();
    void showShortcuts();
    void openPicture();
    void updateStatus(GenerationController::State state);

    GenerationController* m_controller;
    CreatePanel* m_create;
    GalleryController* m_galleryController;
    GalleryPanel* m_gallery;
    QTabWidget* m_tabs;
    QLabel* m_modelLabel;
    bool m_demoModel = false; ///< the bundled demo model is the one chosen
    QLabel* m_engineLabel;
};

} // namespace pictor::ui
