package dev.threadline.bootstrap.reliability;

import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Handle;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads compiled classes and reports every SQL text handed to JDBC, jOOQ's plain-SQL API or the
 * store's own {@code prepared}/{@code execute} that was built by string concatenation (javac's
 * {@code makeConcatWithConstants}, a {@code StringBuilder}, {@code String.format} or {@code concat}),
 * directly or through a local variable. Concatenations of compile-time constants are folded by javac
 * into one constant and are not reported: they cannot carry user input.
 */
final class SqlTextScanner {

    private SqlTextScanner() {}

    static List<String> violations(InputStream classFile) throws IOException {
        List<String> found = new ArrayList<>();
        ClassReader reader = new ClassReader(classFile);
        String className = reader.getClassName();
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new MethodScan(className + "." + name, found);
                    }
                },
                0);
        return found;
    }

    private static final class MethodScan extends MethodVisitor {
        private final String where;
        private final List<String> found;
        private final Set<Integer> concatenatedLocals = new HashSet<>();
        private boolean lastWasConcatenation;

        MethodScan(String where, List<String> found) {
            super(Opcodes.ASM9);
            this.where = where;
            this.found = found;
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            lastWasConcatenation = name.startsWith("makeConcat");
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (isSqlSink(owner, name, descriptor) && lastWasConcatenation) {
                found.add(where + " passes concatenated text to " + owner + "." + name);
            }
            lastWasConcatenation = (owner.equals("java/lang/StringBuilder") && name.equals("toString"))
                    || (owner.equals("java/lang/String") && (name.equals("format") || name.equals("concat")));
        }

        @Override
        public void visitVarInsn(int opcode, int variable) {
            if (opcode == Opcodes.ASTORE) {
                if (lastWasConcatenation) {
                    concatenatedLocals.add(variable);
                }
                lastWasConcatenation = false;
            } else {
                lastWasConcatenation = opcode == Opcodes.ALOAD && concatenatedLocals.contains(variable);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            lastWasConcatenation = false;
        }

        @Override
        public void visitLdcInsn(Object value) {
            lastWasConcatenation = false;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            lastWasConcatenation = false;
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            lastWasConcatenation = false;
        }
    }

    /** Methods whose first String argument is SQL text. */
    static boolean isSqlSink(String owner, String name, String descriptor) {
        boolean stringFirst = descriptor.startsWith("(Ljava/lang/String;");
        if (!stringFirst) {
            return false;
        }
        return switch (owner) {
            case "java/sql/Connection" -> name.startsWith("prepare") || name.equals("nativeSQL");
            case "java/sql/Statement", "java/sql/PreparedStatement" ->
                name.startsWith("execute") || name.equals("addBatch");
            case "dev/threadline/sqlite/SqliteDatabase" -> name.equals("prepared") || name.equals("execute");
            case "org/jooq/DSLContext", "org/jooq/impl/DSL" -> true; // every String-first method is plain SQL
            default -> false;
        };
    }
}
