// The Create workspace's widgets: prompt checking, settings through presets and QSettings, a
// dropped Pictor PNG bringing its settings back, the main window's shape.
#include "test_support.h"

#include "create_panel.h"
#include "drawer_panel.h"
#include "main_window.h"
#include "preview_view.h"
#include "prompt_editor.h"
#include "settings_panel.h"

#include <pictor/demo_model.h>

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QInputMethodEvent>
#include <QStatusBar>
#include <QCheckBox>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

using namespace pictor;
using namespace pictor::ui;

class TestCreateWidgets : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorWidgetsTest");
        QSettings().clear();
    }

    void promptValidation()
    {
        QVERIFY(promptProblems("a cat | a dog:2").isEmpty());
        QVERIFY(!promptProblems("a cat || a dog").isEmpty());
        QVERIFY(promptProblems("a cat:0").join(" ").contains("weight 0"));
        QVERIFY(!promptProblems("   ").isEmpty());
        QVERIFY(promptProblems("16:9 photo of a lake").isEmpty());
        // Hangul: weights and separators parse as in English; length counts syllables, not bytes or letters.
        QVERIFY(promptProblems(QString::fromUtf8("빨간 원, 파란 배경:2 | 흐릿한:-1")).isEmpty());
        QVERIFY(promptProblems(QString::fromUtf8("흐릿한:0")).join(" ").contains(QString::fromUtf8("'흐릿한' has weight 0")));
        QVERIFY(promptProblems(QString::fromUtf8("수학을 가르치는 나이 든 남성 교사의 근접 유화 초상화")).isEmpty());
        QVERIFY(promptProblems(QString::fromUtf8("긴 문장 ").repeated(30)).join(" ").contains("cut to"));
        QVERIFY(promptProblems(QString("a long prompt ").repeated(30)).join(" ").contains("cut to"));
        QVERIFY(promptProblems(QString("a long prompt ").repeated(15)).isEmpty());
        PromptEditor editor;
        QSignalSpy submitted(&editor, &PromptEditor::submitted);
        editor.setPlainText("a  red\ncircle");
        QCOMPARE(editor.prompt(), QString("a red circle"));
        QTest::keyClick(&editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(submitted.count(), 1);
        // Korean through an input method: composing, then committed.
        editor.clear();
        QInputMethodEvent composing(QString::fromUtf8("ㄱ"), {});
        QApplication::sendEvent(&editor, &composing);
        QInputMethodEvent committed;
        committed.setCommitString(QString::fromUtf8("고양이 사진 | 흐릿한:-1"));
        QApplication::sendEvent(&editor, &committed);
        QCOMPARE(editor.prompt(), QString::fromUtf8("고양이 사진 | 흐릿한:-1"));
    }

    void settingsRoundTripThroughPresetsAndQSettings()
    {
        SettingsPanel panel;
        panel.applyPreset("Best");
        GenerationSettings s = panel.settings();
        QCOMPARE(s.width, 256);
        QCOMPARE(s.cutn, 32);
        panel.applyPreset("Draft");
        QCOMPARE(panel.settings().steps, 60);

        GenerationSettings custom = panel.settings();
        custom.width = 96;
        custom.steps = 77;
        custom.seed = 1234;
        custom.learningRate = 0.123;
        custom.optimizer = "RMSprop";
        custom.augments = {"Hf", "Gn"};
        custom.cutMethod = "original";
        custom.initNoise = "shape";
        panel.setSettings(custom);
        QSettings store(tmp.filePath("settings.ini"), QSettings::IniFormat);
        panel.save(store);
        panel.saveUserPreset("Mine", store);
        store.sync();

        QSettings again(tmp.filePath("settings.ini"), QSettings::IniFormat);
        SettingsPanel other;
        other.load(again);
        other.loadUserPresets(again);
        const GenerationSettings back = other.settings();
        QCOMPARE(back.width, 96);
        QCOMPARE(back.steps, 77);
        QCOMPARE(back.seed, int64_t(1234));
        QCOMPARE(back.optimizer, std::string("RMSprop"));
        QCOMPARE(back.augments, (std::vector<std::string>{"Hf", "Gn"}));
        QCOMPARE(back.cutMethod, std::string("original"));
        QCOMPARE(back.initNoise, std::string("shape"));
        QVERIFY(other.presetNames().contains("Mine"));
        other.applyPreset("Draft");
        QCOMPARE(other.settings().steps, 60);
        other.applyPreset("Mine");
        QCOMPARE(other.settings().steps, 77);
    }

    void drawerPanelChoosesDrawersPalettesAndStyle()
    {
        qputenv("PICTOR_MODELS_DIR", tmp.path().toUtf8() + "/no-models"); // nothing installed: no ensembles
        SettingsPanel panel;
        panel.show();
        DrawerPanel* d = panel.drawerPanel();
        QCOMPARE(panel.settings().drawer, std::string("vqgan")); // today's behaviour by default
        auto named = [&](const QString& name) {
            for (QWidget* w : d->findChildren<QWidget*>())
                if (w->accessibleName() == name) return w;
            return static_cast<QWidget*>(nullptr);
        };
        // Every setting says what it does.
        for (QWidget* w : d->findChildren<QWidget*>())
            if (!w->accessibleName().isEmpty()) QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->accessibleName()));

        d->setDrawer("pixel");
        QVERIFY(named("Columns")->isVisible());
        QVERIFY(!named("Strokes")->isVisible());
        auto* palette = qobject_cast<QComboBox*>(named("Palette"));
        palette->setCurrentIndex(palette->findData(QString("custom")));
        auto* custom = qobject_cast<QLineEdit*>(named("Custom palette"));
        QVERIFY(custom->isVisible());
        QSignalSpy paletteSpy(d, &DrawerPanel::paletteChanged);
        custom->setText("#ff004d, 29adff");
        QCOMPARE(paletteSpy.last().at(0).toString(), QString("#ff004d, 29adff"));
        auto* swatches = qobject_cast<QLabel*>(named("Palette colours"));
        QCOMPARE(swatches->pixmap().width(), 2 * 16); // one swatch per colour
        QCOMPARE(swatches->pixmap().toImage().pixelColor(4, 4), QColor(0xff, 0x00, 0x4d));
        GenerationSettings s = panel.settings();
        QCOMPARE(s.drawer, std::string("pixel"));
        QCOMPARE(s.palette, std::string("#ff004d, 29adff"));
        custom->setText("#ff00zz");
        auto* problem = d->findChild<QLabel*>("paletteProblem");
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains("'#ff00zz'"));
        QCOMPARE(panel.settings().palette, std::string()); // never a palette the engine would refuse
        QVERIFY(!d->lossSlider("palette")->isEnabled());  // the palette pull needs a palette

        // Style sliders steer while running.
        QSignalSpy lossSpy(d, &DrawerPanel::lossWeightChanged);
        d->lossSlider("symmetry")->setValue(25);
        QCOMPARE(lossSpy.last().at(0).toString(), QString("symmetry"));
        QCOMPARE(lossSpy.last().at(1).toDouble(), 2.5);
        d->lossSlider("saturation")->setValue(-10);
        s = panel.settings();
        QCOMPARE(s.symmetryWeight, 2.5);
        QCOMPARE(s.saturationWeight, -1.0);

        // Settings from a saved picture come back into the widgets.
        GenerationSettings saved;
        saved.drawer = "strokes";
        saved.strokes = 77;
        saved.strokeStyle = "line";
        saved.tile = true;
        saved.palette = "game-boy";
        saved.edgesWeight = 3;
        panel.setSettings(saved);
        QVERIFY(named("Strokes")->isVisible());
        s = panel.settings();
        QCOMPARE(s.drawer, std::string("strokes"));
        QCOMPARE(s.strokes, 77);
        QCOMPARE(s.strokeStyle, std::string("line"));
        QVERIFY(s.tile);
        QCOMPARE(s.palette, std::string("game-boy"));
        QCOMPARE(s.edgesWeight, 3.0);

        // Ensembles are offered from what is installed: here nothing, so only the chosen CLIP judges.
        QComboBox* judges = d->judgesBox();
        QCOMPARE(judges->count(), 3);
        auto* model = qobject_cast<QStandardItemModel*>(judges->model());
        QVERIFY(model->item(0)->isEnabled());
        QVERIFY(!model->item(1)->isEnabled() && !model->item(2)->isEnabled());
        QVERIFY(judges->itemData(2, Qt::ToolTipRole).toString().contains("RN50"));
        QVERIFY(d->ensembleFiles().isEmpty());
        qunsetenv("PICTOR_MODELS_DIR");
    }

    void pixelGridFitsThePictureAndSaysWhatItMakes()
    {
        // The default grid fits the picture: square cells that divide it. A grid that does not is shown
        // before the run, with the size the picture will have.
        SettingsPanel panel;
        panel.show();
        DrawerPanel* d = panel.drawerPanel();
        d->setDrawer("pixel");
        GenerationSettings s = panel.settings();
        s.width = s.height = 64;
        s.drawer = "pixel";
        panel.setSettings(s);
        s = panel.settings();
        QCOMPARE(s.pixelColumns, 0); // chosen from the size
        const PixelGrid grid = pixelGrid(s);
        QCOMPARE(grid.columns, 16);
        QCOMPARE(grid.rows, 16);
        QCOMPARE(grid.cellWidth, 4);
        QCOMPARE(grid.cellHeight, 4);
        auto* note = d->findChild<QLabel*>("gridNote");
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), QString("Cells of 4 px"));
        QSpinBox *columns = nullptr, *rows = nullptr;
        QCheckBox* fit = nullptr;
        for (QWidget* w : d->findChildren<QWidget*>()) {
            if (w->accessibleName() == "Columns") columns = qobject_cast<QSpinBox*>(w);
            if (w->accessibleName() == "Rows") rows = qobject_cast<QSpinBox*>(w);
            if (w->accessibleName() == "Fit the grid to the picture") fit = qobject_cast<QCheckBox*>(w);
        }
        QVERIFY(columns && rows && fit);
        QCOMPARE(columns->value(), 16); // the chosen grid is shown
        QVERIFY(!columns->isEnabled());
        fit->setChecked(false);
        columns->setValue(40);
        rows->setValue(24);
        QVERIFY2(note->text().contains("not square") && note->text().contains("40 × 48"), qPrintable(note->text()));
        QCOMPARE(panel.settings().pixelColumns, 40);
        // Pixray's 40x24 of 16 px cells at 640x384, and 16 px cells at 256x256.
        GenerationSettings wide;
        wide.width = 640;
        wide.height = 384;
        QCOMPARE(pixelGrid(wide).columns, 40);
        QCOMPARE(pixelGrid(wide).rows, 24);
        wide.width = wide.height = 256;
        QCOMPARE(pixelGrid(wide).cellWidth, 16);
    }

    void languageChoiceSaysWhenItApplies()
    {
        const QString before = QSettings().value("ui/language").toString();
        MainWindow w;
        w.show();
        w.askToRestartForLanguage("ko");
        QCOMPARE(QSettings().value("ui/language").toString(), QString("ko"));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = w.findChild<QMessageBox*>("languageRestart")));
        QVERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QString::fromUtf8("한국어")), qPrintable(box->text()));
        QVERIFY(box->findChild<QPushButton*>("restartNow")); // no run busy: it offers to restart now
        box->close();
        QSettings().setValue("ui/language", before);
    }

    void tiledPreviewShowsThreeByThree()
    {
        PreviewView view;
        QImage picture(8, 6, QImage::Format_RGB888);
        picture.fill(Qt::blue);
        picture.setPixelColor(0, 0, Qt::red);
        view.setImage(picture);
        view.setTiled(true);
        QCOMPARE(view.shownImage().size(), QSize(24, 18));
        QCOMPARE(view.shownImage().pixelColor(8, 6), QColor(Qt::red)); // the middle copy starts there
        QCOMPARE(view.image().size(), QSize(8, 6));                     // what is saved stays one picture
        view.setTiled(false);
        QCOMPARE(view.shownImage().size(), QSize(8, 6));
    }

    void demoModelSettingsReachTheRun()
    {
        // The window puts the demo model's settings into the panel, and the run takes them from there:
        // its one-shape start must survive the trip (the panel once had no place for it).
        SettingsPanel panel;
        panel.setSettings(demoModelSettings(panel.settings()));
        const GenerationSettings s = panel.settings();
        QCOMPARE(s.initNoise, demoModelSettings().initNoise);
        QCOMPARE(s.initNoise, std::string("shape"));
        QCOMPARE(s.steps, demoModelSettings().steps);
        // ... and the init weight that keeps the run near that start (issue 33), which a noise start chosen by hand drops.
        QVERIFY(demoModelSettings().initWeight > 0);
        QCOMPARE(s.initWeight, demoModelSettings().initWeight);
        QComboBox* start = nullptr;
        for (QComboBox* box : panel.findChildren<QComboBox*>())
            if (box->accessibleName() == "Start") start = box;
        QVERIFY(start);
        start->setCurrentIndex(start->findData(QString("pixels")));
        Q_EMIT start->activated(start->currentIndex());
        QCOMPARE(panel.settings().initNoise, std::string("pixels"));
        QCOMPARE(panel.settings().initWeight, 0.0);
        // From noise the demo model lays out colours on coarse grids first and then settles into one shape (issue 33),
        // in 100 steps.
        GenerationSettings pixels = s;
        pixels.initNoise = "pixels";
        const GenerationSettings fromNoise = demoStartSettings(pixels);
        QVERIFY(fromNoise.coarseSteps > 0 && fromNoise.coarseLevels == 2);
        QVERIFY(fromNoise.settleStep > 0 && fromNoise.settleStep < fromNoise.steps);
        QCOMPARE(panel.settings().coarseSteps, fromNoise.coarseSteps);
        QCOMPARE(panel.settings().coarseLevels, fromNoise.coarseLevels);
        QCOMPARE(panel.settings().settleStep, fromNoise.settleStep);
        QCOMPARE(panel.settings().steps, fromNoise.steps);
        // Back to the one shape: its own settings again.
        start->setCurrentIndex(start->findData(QString("shape")));
        Q_EMIT start->activated(start->currentIndex());
        QCOMPARE(panel.settings().initWeight, s.initWeight);
        QCOMPARE(panel.settings().coarseSteps, s.coarseSteps);
        QCOMPARE(panel.settings().settleStep, 0);
        QCOMPARE(panel.settings().steps, s.steps);
        // Settings the user changed stay as they are.
        QSpinBox* steps = nullptr;
        for (QSpinBox* box : panel.findChildren<QSpinBox*>())
            if (box->accessibleName() == "Steps") steps = box;
        QVERIFY(steps);
        steps->setValue(77);
        start->setCurrentIndex(start->findData(QString("pixels")));
        Q_EMIT start->activated(start->currentIndex());
        QCOMPARE(panel.settings().steps, 77);
        QCOMPARE(panel.settings().initWeight, s.initWeight);
        GenerationSettings plain = s;
        plain.initNoise.clear();
        panel.setSettings(plain);
        QCOMPARE(panel.settings().initNoise, std::string());
    }

    void demoModelIsNamedAndItsPresetShown_data()
    {
        QTest::addColumn<QString>("via"); // how the stored paths reach the demo model's folder
        QTest::newRow("default") << QString();
        QTest::newRow("chosen by path") << QString("/");
        // another spelling of the same files (a relative path, a link, "..") is still the demo model
        QTest::newRow("chosen by another path to it") << QString("/../demo/");
    }

    void demoModelIsNamedAndItsPresetShown()
    {
        // The demo model's own settings are applied: the Preset box says so (not "Draft"), and the status
        // bar names the model, also when its files were chosen by path (not "clip.safetensors + ...").
        QFETCH(QString, via);
        const auto demo = findDemoModel();
        QVERIFY(demo);
        QSettings().clear();
        if (!via.isEmpty()) {
            QSettings store;
            const QString folder = QString::fromStdString(demo->folder) + via;
            store.setValue("models/clip", folder + "clip.safetensors");
            store.setValue("models/vqgan", folder + "vqgan.safetensors");
        }
        MainWindow w;
        QCOMPARE(w.createPanel()->currentPreset(), SettingsPanel::demoPresetName());
        QCOMPARE(w.createPanel()->currentSettings().steps, demoModelSettings().steps);
        QString label;
        for (QLabel* l : w.statusBar()->findChildren<QLabel*>())
            if (l->text().startsWith("Model:")) label = l->text();
        QVERIFY2(label.contains("Demo model") && !label.contains("safetensors"), qPrintable(label));
        QSettings().clear();
    }

    void smallPicturesArePreviewedSharp()
    {
        // A 64-pixel picture (what the demo model makes) fitted into the view: a whole-number zoom,
        // every source pixel an exact square of its own colour (no smoothing in between).
        PreviewView view;
        view.resize(500, 400);
        QImage checker(64, 64, QImage::Format_RGB32);
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) checker.setPixel(x, y, (x + y) % 2 ? qRgb(255, 0, 0) : qRgb(0, 0, 255));
        view.setImage(checker);
        QCOMPARE(view.zoom(), 6.0);
        QVERIFY(!view.smoothScaling());
        const QImage shown = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const int left = (500 - 64 * 6) / 2, top = (400 - 64 * 6) / 2;
        for (int y = 0; y < 64 * 6; y += 5)
            for (int x = 0; x < 64 * 6; x += 5) {
                const QRgb want = checker.pixel(x / 6, y / 6);
                QVERIFY2(shown.pixel(left + x, top + y) == want, qPrintable(QString("blended pixel at %1,%2").arg(x).arg(y)));
            }
        // A picture larger than the view is scaled down smoothly.
        view.setImage(QImage(1000, 1000, QImage::Format_RGB32));
        QVERIFY(view.zoom() < 1);
        QVERIFY(view.smoothScaling());
    }

    void droppedPictorPictureRestoresItsSettings()
    {
        GenerationController controller;
        CreatePanel panel(&controller);
        GenerationSettings s;
        s.prompt = "a green star | blurry:-1";
        s.width = 64;
        s.height = 48;
        s.steps = 42;
        s.seed = 99;
        s.cutn = 12;
        const QString path = tmp.filePath("made.png");
        saveArtwork(RgbImage{64, 48, std::vector<uint8_t>(64 * 48 * 3, 120)}, path.toStdString(), s);
        // Answer the question the drop asks: "Both".
        QTimer::singleShot(200, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            for (QAbstractButton* b : box->buttons())
                if (b->text() == "Both") b->click();
        });
        panel.handleDroppedPicture(path);
        const GenerationSettings back = panel.currentSettings();
        QCOMPARE(back.steps, 42);
        QCOMPARE(back.seed, int64_t(99));
        QCOMPARE(back.cutn, 12);
        QCOMPARE(back.width, 64);
        QCOMPARE(QString::fromStdString(back.prompt), QString("a green star | blurry:-1"));
        QCOMPARE(QString::fromStdString(back.initImage), path);
        QCOMPARE(panel.preview()->image().size(), QSize(64, 48));
    }

    void plainPictureBecomesTheInitImage()
    {
        GenerationController controller;
        CreatePanel panel(&controller);
        const QString path = tmp.filePath("plain.png");
        QImage(20, 20, QImage::Format_RGB888).save(path);
        panel.handleDroppedPicture(path);
        QCOMPARE(QString::fromStdString(panel.currentSettings().initImage), path);
    }

    void theLoadedModelSuggestsWhatItKnows()
    {
        GenerationController controller;
        CreatePanel panel(&controller);
        panel.setDemoModel(true);
        PromptEditor* editor = panel.promptEditor();
        QVERIFY(editor->placeholderText().contains("circle"));
        // Every example is in the demo model's own words, English and Korean.
        QVERIFY(panel.examplePrompts().size() >= 4);
        bool korean = false;
        for (const QString& e : panel.examplePrompts()) {
            editor->setPlainText(e);
            QVERIFY2(editor->unknownWords().isEmpty(), qPrintable(e + ": " + editor->unknownWords().join(", ")));
            korean = korean || e.contains(QString::fromUtf8("배경"));
        }
        QVERIFY(korean);
        // The placeholder the window used to show: the demo model never learned these words.
        editor->setPlainText("a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1");
        const QStringList unknown = editor->unknownWords();
        QVERIFY2(unknown.contains("lighthouse") && unknown.contains("watercolour") && !unknown.contains("0.5"), qPrintable(unknown.join(",")));
        // An empty prompt starts the first example instead of a dead end.
        editor->clear();
        panel.start();
        QCOMPARE(editor->prompt(), panel.examplePrompts().first());
        QVERIFY(panel.errorLabel()->isHidden());

        // A real CLIP: real-world examples, no word is flagged.
        CreatePanel real(&controller);
        real.setDemoModel(false);
        QVERIFY(real.promptEditor()->placeholderText().contains("lighthouse"));
        real.promptEditor()->setPlainText("a watercolour lighthouse");
        QVERIFY(real.promptEditor()->unknownWords().isEmpty());
    }

    void startWithoutPromptSaysSo()
    {
        GenerationController controller;
        CreatePanel panel(&controller);
        panel.promptEditor()->clear();
        panel.start();
        QVERIFY(!panel.errorLabel()->isHidden());
        QCOMPARE(controller.state(), GenerationController::State::Idle);
    }

    void mainWindowHasWorkspacesMenusAndShortcuts()
    {
        MainWindow w;
        QCOMPARE(w.workspaces()->count(), 2);
        QCOMPARE(w.workspaces()->tabText(0), QString("Create"));
        QCOMPARE(w.workspaces()->tabText(1), QString("Gallery"));
        QStringList shortcuts;
        for (QAction* menu : w.menuBar()->actions())
            for (QAction* a : menu->menu()->actions())
                if (!a->shortcut().isEmpty()) shortcuts << a->shortcut().toString();
        for (const char* k : {"Ctrl+Return", "Ctrl+P", "Esc", "Ctrl+S", "Ctrl+O", "Ctrl+Q"})
            QVERIFY2(shortcuts.contains(k), k);
        // Every button has an accessible name.
        for (QPushButton* b : w.findChildren<QPushButton*>()) QVERIFY2(!b->accessibleName().isEmpty() || !b->text().isEmpty(), qPrintable(b->objectName()));
    }
};

QTEST_MAIN(TestCreateWidgets)
#include "tst_create_widgets.moc"
